package io.meshwork.access.pdp;

import io.meshwork.access.rowfilter.ColumnType;
import io.meshwork.model.lifecycle.Lifecycle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What is being read: one output port of a product, with the columns its contract declares. */
public record PortResource(String productId, String port, String domain, Lifecycle status, List<Column> columns) {

  public PortResource {
    Objects.requireNonNull(productId, "productId");
    Objects.requireNonNull(port, "port");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(status, "status");
    columns = List.copyOf(columns);
  }

  /** Column name → type: what a row filter on this port may use. */
  public Map<String, ColumnType> columnTypes() {
    Map<String, ColumnType> types = new LinkedHashMap<>();
    columns.stream().filter(c -> c.type() != null).forEach(c -> types.put(c.name(), c.type()));
    return types;
  }

  public boolean hasColumn(String name) {
    return columns.stream().anyMatch(c -> c.name().equals(name));
  }

  String key() {
    return productId + "\u0000" + port;
  }
}
