package io.meshwork.dataplane.query;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A consumer's query that passed the {@link SqlGuard}: its parse tree (CTEs already renamed), the
 * ports it reads, and whether its result may be cached (no random or clock functions).
 */
public record GuardedQuery(JsonObject statement, List<PortName> ports, boolean volatileFunctions) {

  public GuardedQuery {
    ports = List.copyOf(ports);
  }

  /** A stable text of the query for cache keys: the tree without source positions. */
  public String fingerprint() {
    return withoutLocations(statement).encode();
  }

  /**
   * The SQL to run: every port reference replaced by its governed relation (a subquery, keeping
   * the consumer's alias and column aliases). The text is parsed once more and must be one
   * statement reading exactly the same tables with exactly the same functions as the tree that was
   * checked, so DuckDB's rendering cannot smuggle in anything else. (Not the identical tree:
   * DuckDB renders some constructs differently, e.g. {@code VALUES} as a subquery.)
   *
   * @param governed per port, the parse tree of its governed SELECT ({@link SqlParser#serialize}, first statement)
   */
  public String render(Map<PortName, JsonObject> governed, SqlParser parser) {
    JsonObject copy = statement.copy();
    replacePorts(copy, governed);
    JsonObject tree = new JsonObject().put("error", false).put("statements", new JsonArray().add(copy));
    String sql = parser.deserialize(tree);
    JsonObject again = parser.serialize(sql);
    JsonArray statements = again.getJsonArray("statements", new JsonArray());
    if (again.getBoolean("error", true) || statements.size() != 1
        || !inventory(statements.getJsonObject(0)).equals(inventory(copy))) {
      throw SqlGuard.refused("the query uses a construct that cannot be rewritten safely; simplify it");
    }
    return sql;
  }

  private static void replacePorts(Object value, Map<PortName, JsonObject> governed) {
    if (value instanceof JsonArray array) {
      array.forEach(v -> replacePorts(v, governed));
    } else if (value instanceof JsonObject object) {
      if ("BASE_TABLE".equals(object.getValue("type")) && !object.containsKey("class")
          && !object.getString("catalog_name", "").isEmpty() && !object.getString("schema_name", "").isEmpty()) {
        PortName port = new PortName(object.getString("catalog_name"), object.getString("schema_name"), object.getString("table_name"));
        JsonObject relation = governed.get(port);
        if (relation == null) {
          throw new IllegalStateException("no governed relation for " + port);
        }
        String alias = object.getString("alias", "");
        JsonObject subquery = new JsonObject()
            .put("type", "SUBQUERY")
            .put("alias", alias.isEmpty() ? port.port() : alias)
            .put("sample", object.getValue("sample"))
            .put("query_location", object.getValue("query_location"))
            .put("subquery", relation.copy())
            .put("column_name_alias", object.getValue("column_name_alias", new JsonArray()));
        object.clear();
        object.mergeIn(subquery);
        return;
      }
      object.forEach(e -> replacePorts(e.getValue(), governed));
    }
  }

  /** What a tree reads and calls: its tables, table functions and functions, sorted. */
  static List<String> inventory(JsonObject tree) {
    List<String> items = new ArrayList<>();
    collect(tree, items);
    items.sort(null);
    return items;
  }

  private static void collect(Object value, List<String> items) {
    if (value instanceof JsonArray array) {
      array.forEach(v -> collect(v, items));
    } else if (value instanceof JsonObject object) {
      if ("CONSTANT".equals(object.getValue("class"))) {
        return;
      }
      Object type = object.getValue("type");
      if (!object.containsKey("class") && "BASE_TABLE".equals(type)) {
        items.add("table " + object.getString("catalog_name", "") + "." + object.getString("schema_name", "") + "." + object.getString("table_name", ""));
      } else if (!object.containsKey("class") && "TABLE_FUNCTION".equals(type)) {
        items.add("table function");
      }
      if (object.getValue("function_name") instanceof String name) {
        items.add("function " + object.getString("catalog", "") + "." + object.getString("schema", "") + "." + name);
      }
      if ("PARAMETER".equals(object.getValue("class"))) {
        items.add("parameter");
      }
      object.forEach(e -> collect(e.getValue(), items));
    }
  }

  private static JsonObject withoutLocations(JsonObject tree) {
    JsonObject copy = tree.copy();
    strip(copy);
    return copy;
  }

  private static void strip(Object value) {
    if (value instanceof JsonObject object) {
      object.remove("query_location");
      object.forEach(e -> strip(e.getValue()));
    } else if (value instanceof JsonArray array) {
      array.forEach(GuardedQuery::strip);
    }
  }
}
