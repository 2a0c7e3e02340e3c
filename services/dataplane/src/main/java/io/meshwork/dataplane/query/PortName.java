package io.meshwork.dataplane.query;

import java.util.Objects;

/**
 * An output port as a consumer names it in SQL: {@code domain.product.port}, three parts, quoted
 * when a part is not a plain identifier, e.g. {@code orders."orders-daily".order_lines}.
 */
public record PortName(String domain, String product, String port) {

  public PortName {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(port, "port");
  }

  @Override
  public String toString() {
    return quote(domain) + "." + quote(product) + "." + quote(port);
  }

  private static String quote(String part) {
    return part.matches("[a-z_][a-z0-9_]*") ? part : '"' + part.replace("\"", "\"\"") + '"';
  }
}
