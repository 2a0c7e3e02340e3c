package io.meshwork.quality;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Lets a contract's {@code type: sql} rule run only if it is one read-only SELECT over the relation
 * being judged. The rule is written by a product team but runs inside the node — in the batch's
 * write transaction, next to every other product of the domain — so it is parsed by DuckDB itself
 * ({@code json_serialize_sql}, which only serialises SELECT statements) and its syntax tree is
 * checked: exactly one statement; no table functions ({@code read_csv}, {@code glob},
 * {@code query}…, which reach the file system or run other SQL); no table other than the
 * {@code {object}} placeholder or the query's own CTEs (so neither files named as tables, nor other
 * products' tables, nor the batch register); no functions that read the node's environment.
 * COPY, ATTACH, PRAGMA, SET, INSERT… are not SELECTs and never get this far.
 */
final class SqlRuleGuard {

  /** Stands for the relation while the query is parsed, so only this name may appear as a table. */
  static final String SENTINEL = "__meshwork_quality_object__";
  static final int MAX_LENGTH = 20_000;
  private static final Set<String> DENIED_FUNCTIONS = Set.of("getenv", "current_setting", "read_text", "read_blob", "query", "query_table");

  private SqlRuleGuard() {}

  /**
   * The query ready to run over {@code relationSql}: placeholders ({@code {object}}, {@code ${object}},
   * {@code {table}}; {@code {property}}, {@code {column}} for the rule's column) replaced.
   */
  static String prepare(Connection c, String query, String relationSql, String quotedColumn) throws Threshold.Unusable, SQLException {
    if (query == null || query.isBlank()) {
      throw new Threshold.Unusable("a sql rule needs a query");
    }
    if (query.length() > MAX_LENGTH) {
      throw new Threshold.Unusable("the query is longer than " + MAX_LENGTH + " characters");
    }
    String parsed = substitute(query, SENTINEL, quotedColumn);
    if (!parsed.contains(SENTINEL)) {
      throw new Threshold.Unusable("the query must read the data through the {object} placeholder");
    }
    check(serialize(c, parsed));
    return parsed.replace(SENTINEL, relationSql);
  }

  private static String substitute(String query, String object, String quotedColumn) throws Threshold.Unusable {
    String q = query;
    for (String placeholder : new String[] {"${object}", "{object}", "${table}", "{table}"}) {
      q = q.replace(placeholder, object);
    }
    for (String placeholder : new String[] {"${property}", "{property}", "${column}", "{column}"}) {
      if (q.contains(placeholder)) {
        if (quotedColumn == null) {
          throw new Threshold.Unusable(placeholder + " is only known in a property's rule");
        }
        q = q.replace(placeholder, quotedColumn);
      }
    }
    return q;
  }

  private static JsonObject serialize(Connection c, String sql) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement("SELECT json_serialize_sql(CAST(? AS VARCHAR))")) {
      statement.setString(1, sql);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return new JsonObject(rs.getString(1));
      }
    }
  }

  private static void check(JsonObject tree) throws Threshold.Unusable {
    if (tree.getBoolean("error", false)) {
      String message = tree.getString("error_message", "");
      throw new Threshold.Unusable(message.startsWith("Only SELECT")
          ? "only a single SELECT statement is allowed"
          : "the query does not parse: " + firstLine(message));
    }
    JsonArray statements = tree.getJsonArray("statements", new JsonArray());
    if (statements.size() != 1) {
      throw new Threshold.Unusable("only a single SELECT statement is allowed");
    }
    Set<String> ctes = new HashSet<>();
    collectCtes(statements, ctes);
    walk(statements, ctes);
  }

  private static void collectCtes(Object node, Set<String> into) {
    if (node instanceof JsonObject o) {
      JsonObject cteMap = o.getJsonObject("cte_map");
      if (cteMap != null) {
        for (Object entry : cteMap.getJsonArray("map", new JsonArray())) {
          into.add(((JsonObject) entry).getString("key", "").toLowerCase(Locale.ROOT));
        }
      }
      o.forEach(e -> collectCtes(e.getValue(), into));
    } else if (node instanceof JsonArray a) {
      a.forEach(v -> collectCtes(v, into));
    }
  }

  private static void walk(Object node, Set<String> ctes) throws Threshold.Unusable {
    if (node instanceof JsonObject o) {
      String type = o.getString("type", "");
      if (type.equals("TABLE_FUNCTION")) {
        String function = o.getJsonObject("function", new JsonObject()).getString("function_name", "?");
        throw new Threshold.Unusable("table functions (here " + function + ") are not allowed");
      }
      if (type.equals("BASE_TABLE")) {
        String table = o.getString("table_name", "");
        boolean qualified = !o.getString("schema_name", "").isEmpty() || !o.getString("catalog_name", "").isEmpty();
        if (qualified || !(table.equals(SENTINEL) || ctes.contains(table.toLowerCase(Locale.ROOT)))) {
          throw new Threshold.Unusable("the query may only read {object}, not '" + table + "'");
        }
      }
      if ("FUNCTION".equals(o.getString("class"))) {
        String function = o.getString("function_name", "").toLowerCase(Locale.ROOT);
        if (DENIED_FUNCTIONS.contains(function) || function.startsWith("duckdb_") || function.startsWith("pragma_")) {
          throw new Threshold.Unusable("the function " + function + " is not allowed");
        }
      }
      for (var entry : o) {
        walk(entry.getValue(), ctes);
      }
    } else if (node instanceof JsonArray a) {
      for (Object value : a) {
        walk(value, ctes);
      }
    }
  }

  static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline);
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }
}
