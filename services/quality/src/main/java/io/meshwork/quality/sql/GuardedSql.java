package io.meshwork.quality.sql;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SQL that passed the {@link SqlGuard}: its parse tree (CTEs already renamed), the tables it reads
 * (as the policy accepted them), and whether its result may be cached (no random or clock functions).
 */
public record GuardedSql(JsonObject statement, List<TableName> tables, boolean volatileFunctions) {

  public GuardedSql {
    tables = List.copyOf(tables);
  }

  /** A stable text of the query for cache keys: the tree without source positions. */
  public String fingerprint() {
    return withoutLocations(statement).encode();
  }

  /**
   * The SQL to run: every table reference replaced by the relation the caller governs (a subquery,
   * keeping the query's alias and column aliases). The text is parsed once more and must be one
   * statement reading exactly the same tables with exactly the same functions as the tree that was
   * checked, so DuckDB's rendering cannot smuggle in anything else. (Not the identical tree: DuckDB
   * renders some constructs differently, e.g. {@code VALUES} as a subquery.)
   *
   * @param relations per table read, the parse tree of its SELECT ({@link SqlParser#serialize}, first statement)
   * @param pointer the JSON pointer a refusal names
   */
  public String render(Map<TableName, JsonObject> relations, SqlParser parser, String pointer) {
    JsonObject copy = statement.copy();
    replaceTables(copy, relations);
    JsonObject tree = new JsonObject().put("error", false).put("statements", new JsonArray().add(copy));
    String sql = parser.deserialize(tree);
    JsonObject again = parser.serialize(sql);
    JsonArray statements = again.getJsonArray("statements", new JsonArray());
    if (again.getBoolean("error", true) || statements.size() != 1
        || !inventory(statements.getJsonObject(0)).equals(inventory(copy))) {
      throw SqlGuard.refused(pointer, "the query uses a construct that cannot be rewritten safely; simplify it");
    }
    return sql;
  }

  /** The parse tree of a relation's SELECT, ready for {@link #render}. */
  public static JsonObject relation(String select, SqlParser parser) {
    return parser.serialize(select).getJsonArray("statements").getJsonObject(0);
  }

  private static void replaceTables(Object value, Map<TableName, JsonObject> relations) {
    if (value instanceof JsonArray array) {
      array.forEach(v -> replaceTables(v, relations));
    } else if (value instanceof JsonObject object) {
      if ("BASE_TABLE".equals(object.getValue("type")) && !object.containsKey("class")
          && !object.getString("table_name", "").startsWith(SqlGuard.CTE_PREFIX)) {
        TableName name = TableName.of(object);
        JsonObject relation = relations.get(name);
        if (relation == null) {
          throw new IllegalStateException("no relation for " + name.written());
        }
        String alias = object.getString("alias", "");
        JsonObject subquery = new JsonObject()
            .put("type", "SUBQUERY")
            .put("alias", alias.isEmpty() ? name.table() : alias)
            .put("sample", object.getValue("sample"))
            .put("query_location", object.getValue("query_location"))
            .put("subquery", relation.copy())
            .put("column_name_alias", object.getValue("column_name_alias", new JsonArray()));
        object.clear();
        object.mergeIn(subquery);
        return;
      }
      object.forEach(e -> replaceTables(e.getValue(), relations));
    }
  }

  /** What a tree reads and calls: its tables, table functions and functions, sorted. */
  public static List<String> inventory(JsonObject tree) {
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
      array.forEach(GuardedSql::strip);
    }
  }
}
