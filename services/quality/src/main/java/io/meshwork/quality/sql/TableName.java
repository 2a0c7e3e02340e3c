package io.meshwork.quality.sql;

import io.vertx.core.json.JsonObject;

/** A table as a query names it: catalog, schema and table, each empty when not written. */
public record TableName(String catalog, String schema, String table) {

  static TableName of(JsonObject baseTable) {
    return new TableName(baseTable.getString("catalog_name", ""), baseTable.getString("schema_name", ""), baseTable.getString("table_name", ""));
  }

  /** As written, dot-separated. */
  public String written() {
    return (catalog.isEmpty() ? "" : catalog + ".") + (schema.isEmpty() ? "" : schema + ".") + table;
  }
}
