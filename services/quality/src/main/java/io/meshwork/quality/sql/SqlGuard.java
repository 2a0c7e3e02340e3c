package io.meshwork.quality.sql;

import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one guard for SQL that someone outside the node writes and the node runs: a consumer's query
 * over output ports, and a contract's {@code type: sql} quality rule over the relation it judges.
 * It decides on DuckDB's own parse tree rather than on the text (so comments, quoting and escapes
 * cannot hide anything). Allowed: exactly one {@code SELECT} (with joins, aggregates, window
 * functions, set operations, subqueries and CTEs) whose tables are the query's own CTEs or what its
 * {@link Tables} policy accepts. Everything else is refused with the reason: other statements (COPY,
 * ATTACH, PRAGMA, SET, INSTALL, LOAD, CALL … cannot even be serialised as a SELECT), several
 * statements, table functions ({@code read_csv}, {@code glob}, {@code query} …), file names as
 * tables, functions that read settings, variables, sequences or the environment, time travel
 * clauses, parameters, and any table the policy does not accept.
 *
 * <p>Why this is enough: the tree is walked completely, and every table reference in it is either
 * accepted by the policy — and then replaced by the relation the caller governs
 * ({@link GuardedSql#render}) — or renamed to a CTE name no stored table can have
 * ({@value #CTE_PREFIX}…), so nothing in the query can bind to a stored table directly.
 */
public final class SqlGuard {

  /** What a query may read besides its own CTEs. */
  public interface Tables {
    /**
     * Accepts a table reference as written (parts not written are empty) or throws {@link SqlGuard#refused}
     * with a reason; {@code at} is " (at character n)" or empty, to append to the reason.
     */
    void accept(TableName name, String at);

    /** How to read data, for the reason given when a table function is used, e.g. "read ports as domain.product.port". */
    String hint();
  }

  /** CTEs are renamed with this prefix: no stored table is named like this. */
  public static final String CTE_PREFIX = "#cte:";
  private static final java.util.regex.Pattern CTE_NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  private static final Set<String> TABLE_REFS_ALLOWED = Set.of("BASE_TABLE", "JOIN", "SUBQUERY", "EMPTY", "EXPRESSION_LIST");
  /** Functions that reach outside the query's own rows: settings, variables, sequences, logs, the parser and planner, sleeping. */
  private static final Set<String> FUNCTIONS_REFUSED = Set.of(
      "current_setting", "getvariable", "getenv", "nextval", "currval", "setseed", "write_log", "current_query",
      "sleep_ms", "pg_sleep", "json_serialize_sql", "json_deserialize_sql", "json_serialize_plan", "json_execute_serialized_sql",
      "query", "query_table", "glob", "sniff_csv", "checkpoint", "force_checkpoint", "enable_logging", "disable_logging",
      "truncate_duckdb_logs", "get_block_size", "current_database", "current_catalog", "current_schema", "current_schemas",
      "in_search_path", "has_table_privilege", "has_column_privilege", "has_any_column_privilege", "has_database_privilege",
      "has_schema_privilege", "has_function_privilege", "has_sequence_privilege", "has_server_privilege",
      "has_tablespace_privilege", "has_language_privilege", "has_foreign_data_wrapper_privilege", "col_description",
      "obj_description", "shobj_description", "parse_duckdb_log_message");
  private static final List<String> FUNCTION_PREFIXES_REFUSED = List.of(
      "read_", "pg_", "duckdb_", "parquet_", "sqlite_", "iceberg_", "delta_", "json_execute", "pragma_", "__internal");
  private static final Set<String> FUNCTIONS_ALLOWED_DESPITE_PREFIX = Set.of("pg_typeof");
  /** Functions whose result changes between two identical queries: such results are not cached. */
  private static final Set<String> VOLATILE = Set.of(
      "random", "gen_random_uuid", "uuid", "uuidv4", "uuidv7", "now", "today", "current_date", "current_time",
      "current_timestamp", "get_current_time", "get_current_timestamp", "transaction_timestamp", "current_localtime",
      "current_localtimestamp", "localtime", "localtimestamp");

  private final SqlParser parser;
  private final Tables tables;
  private final String pointer;
  private final int maxLength;

  /**
   * @param pointer the JSON pointer refusals name (the request field holding the SQL)
   * @param maxLength the longest SQL text accepted
   */
  public SqlGuard(SqlParser parser, Tables tables, String pointer, int maxLength) {
    this.parser = parser;
    this.tables = tables;
    this.pointer = pointer;
    this.maxLength = maxLength;
  }

  /** Checks the SQL; blocking (DuckDB parses it), call it on a worker thread. Refusals are {@link InvalidException}s. */
  public GuardedSql check(String sql) {
    if (sql == null || sql.isBlank()) {
      throw refused("a query is required");
    }
    if (sql.length() > maxLength) {
      throw refused("a query may be at most " + maxLength + " characters");
    }
    JsonObject tree = parser.serialize(sql);
    if (tree.getBoolean("error", true)) {
      String message = tree.getString("error_message", "it could not be parsed");
      throw refused(message.contains("Only SELECT statements")
          ? "only a read-only SELECT is allowed (no COPY, ATTACH, PRAGMA, SET, INSTALL, LOAD, CALL, INSERT, CREATE …)"
          : "it is not valid SQL: " + message);
    }
    JsonArray statements = tree.getJsonArray("statements", new JsonArray());
    if (statements.size() != 1) {
      throw refused("exactly one statement is allowed; found " + statements.size());
    }
    JsonObject statement = statements.getJsonObject(0);
    JsonArray parameters = statement.getJsonArray("named_param_map", new JsonArray());
    if (!parameters.isEmpty()) {
      throw refused("parameters ($1, ?) are not supported; write the values into the query");
    }
    Set<String> cteNames = new LinkedHashSet<>();
    collectCteNames(statement, cteNames);
    Walk walk = new Walk(cteNames);
    walk.visit(statement);
    return new GuardedSql(statement, List.copyOf(walk.read), walk.volatileFunctions);
  }

  private void collectCteNames(Object value, Set<String> names) {
    if (value instanceof JsonObject object) {
      if (object.getValue("cte_map") instanceof JsonObject cteMap) {
        for (Object entry : cteMap.getJsonArray("map", new JsonArray())) {
          if (entry instanceof JsonObject e && e.getValue("key") instanceof String key) {
            // a CTE name that looks like a path could, out of scope, be read by DuckDB as a file
            if (!CTE_NAME.matcher(key).matches()) {
              throw refused("CTE names are plain identifiers (letters, digits, _); '" + key + "' is not");
            }
            names.add(key.toLowerCase(Locale.ROOT));
          }
        }
      }
      object.forEach(e -> collectCteNames(e.getValue(), names));
    } else if (value instanceof JsonArray array) {
      array.forEach(v -> collectCteNames(v, names));
    }
  }

  /** One pass over the tree: refuses what is not allowed, renames CTEs, lists the tables read. */
  private final class Walk {
    private final Set<String> cteNames;
    private final Set<TableName> read = new LinkedHashSet<>();
    private boolean volatileFunctions;

    Walk(Set<String> cteNames) {
      this.cteNames = cteNames;
    }

    void visit(Object value) {
      if (value instanceof JsonArray array) {
        array.forEach(this::visit);
        return;
      }
      if (!(value instanceof JsonObject object)) {
        return;
      }
      String kind = object.getValue("class") instanceof String c ? c : null;
      String type = object.getValue("type") instanceof String t ? t : null;
      if ("CONSTANT".equals(kind)) {
        return; // a literal value: nothing in it can read anything, and its content is data, not tree
      }
      if ("PARAMETER".equals(kind)) {
        throw refused("parameters ($1, ?) are not supported; write the values into the query");
      }
      if (kind == null && type != null && object.containsKey("alias") && object.containsKey("query_location")) {
        // a table reference: only accepted tables, CTEs, joins, subqueries and VALUES
        if (type.equals("BASE_TABLE")) {
          table(object);
        } else if (type.equals("TABLE_FUNCTION")) {
          throw refused("table functions such as " + functionName(object) + "(…) are not allowed; " + tables.hint() + at(object));
        } else if (!TABLE_REFS_ALLOWED.contains(type)) {
          throw refused(type.toLowerCase(Locale.ROOT).replace('_', ' ') + " is not allowed in a query" + at(object));
        }
      }
      renameRecursiveCte(object);
      if (object.getValue("function_name") instanceof String name) {
        function(object, name);
      }
      if (object.getValue("cte_map") instanceof JsonObject cteMap) {
        for (Object entry : cteMap.getJsonArray("map", new JsonArray())) {
          if (entry instanceof JsonObject e && e.getValue("key") instanceof String key) {
            e.put("key", CTE_PREFIX + key.toLowerCase(Locale.ROOT));
          }
        }
      }
      for (String field : List.copyOf(object.fieldNames())) {
        visit(object.getValue(field));
      }
    }

    private void renameRecursiveCte(JsonObject node) {
      for (String field : List.of("cte_name", "ctename")) {
        if (node.getValue(field) instanceof String name && !name.startsWith(CTE_PREFIX)) {
          node.put(field, CTE_PREFIX + name.toLowerCase(Locale.ROOT));
        }
      }
    }

    private void table(JsonObject ref) {
      if (ref.getValue("at_clause") != null) {
        throw refused("time travel (AT …) is not supported" + at(ref));
      }
      TableName name = TableName.of(ref);
      if (name.catalog().isEmpty() && name.schema().isEmpty() && cteNames.contains(name.table().toLowerCase(Locale.ROOT))) {
        if (ref.getString("alias", "").isEmpty()) {
          ref.put("alias", name.table()); // columns qualified by the CTE's name keep working
        }
        ref.put("table_name", CTE_PREFIX + name.table().toLowerCase(Locale.ROOT));
        return;
      }
      tables.accept(name, at(ref));
      read.add(name);
    }

    private void function(JsonObject call, String name) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (!call.getString("schema", "").isEmpty() || !call.getString("catalog", "").isEmpty()) {
        throw refused("functions are called by their name alone; '" + call.getString("schema") + "." + name + "' is not allowed" + at(call));
      }
      boolean refusedByPrefix = FUNCTION_PREFIXES_REFUSED.stream().anyMatch(lower::startsWith)
          && !FUNCTIONS_ALLOWED_DESPITE_PREFIX.contains(lower);
      if (FUNCTIONS_REFUSED.contains(lower) || refusedByPrefix) {
        throw refused("function " + name + "() is not allowed: it reads files, settings or state outside the query's data" + at(call));
      }
      volatileFunctions |= VOLATILE.contains(lower);
    }
  }

  private static String functionName(JsonObject tableFunction) {
    return tableFunction.getValue("function") instanceof JsonObject f ? f.getString("function_name", "?") : "?";
  }

  private String at(JsonObject node) {
    return node.getValue("query_location") instanceof Number n && n.longValue() >= 0 && n.longValue() < maxLength
        ? " (at character " + (n.longValue() + 1) + ")"
        : "";
  }

  /** A refusal of this guard's SQL, with the reason. */
  public InvalidException refused(String reason) {
    return refused(pointer, reason);
  }

  public static InvalidException refused(String pointer, String reason) {
    return new InvalidException("The query is not allowed", List.of(new Violation(pointer, reason)));
  }
}
