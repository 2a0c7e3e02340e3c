package io.meshwork.dataplane.query;

import io.meshwork.quality.sql.GuardedSql;
import io.meshwork.quality.sql.SqlParser;
import io.meshwork.quality.sql.TableName;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A consumer's query that passed the {@link PortQueryGuard}: the checked SQL and the ports it reads.
 */
public record GuardedQuery(GuardedSql sql, List<PortName> ports) {

  GuardedQuery(GuardedSql sql) {
    this(sql, sql.tables().stream().map(t -> new PortName(t.catalog(), t.schema(), t.table())).distinct().toList());
  }

  public GuardedQuery {
    ports = List.copyOf(ports);
  }

  /** Whether the query calls random or clock functions (its result is not cached). */
  public boolean volatileFunctions() {
    return sql.volatileFunctions();
  }

  /** A stable text of the query for cache keys: the tree without source positions. */
  public String fingerprint() {
    return sql.fingerprint();
  }

  /**
   * The SQL to run: every port replaced by its governed relation ({@link GuardedSql#render}).
   *
   * @param governed per port, the parse tree of its governed SELECT ({@link SqlParser#serialize}, first statement)
   */
  public String render(Map<PortName, JsonObject> governed, SqlParser parser) {
    Map<TableName, JsonObject> relations = new LinkedHashMap<>();
    governed.forEach((port, tree) -> relations.put(new TableName(port.domain(), port.product(), port.port()), tree));
    return sql.render(relations, parser, "/sql");
  }

  /** What a tree reads and calls: its tables, table functions and functions, sorted. */
  static List<String> inventory(JsonObject tree) {
    return GuardedSql.inventory(tree);
  }
}
