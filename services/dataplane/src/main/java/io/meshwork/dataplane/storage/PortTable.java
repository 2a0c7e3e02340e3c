package io.meshwork.dataplane.storage;

import java.util.Objects;

/**
 * The table of one output port under one contract major version, in schema {@code main} of the
 * domain's database: {@code "<productId>__<port>__v<major>"}, and its quarantine table beside it.
 * A new major version of the contract gets a new table, so the old one stays readable as it was.
 */
public record PortTable(String productId, String port, int major) {

  public PortTable {
    Objects.requireNonNull(productId, "productId");
    Objects.requireNonNull(port, "port");
    if (major < 0) {
      throw new IllegalArgumentException("a contract major version is never negative");
    }
  }

  public static PortTable of(String productId, String port, int major) {
    return new PortTable(productId, port, major);
  }

  public String name() {
    return productId + "__" + port + "__v" + major;
  }

  public String quarantineName() {
    return name() + "__quarantine";
  }

  /** The table identifier, double-quoted for SQL. */
  public String quoted() {
    return quote(name());
  }

  public String quarantineQuoted() {
    return quote(quarantineName());
  }

  /** A SQL identifier, double-quoted with embedded quotes doubled: safe for any name. */
  public static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /** A SQL string literal, single-quoted with embedded quotes doubled: safe for any text (values, file paths). */
  public static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
