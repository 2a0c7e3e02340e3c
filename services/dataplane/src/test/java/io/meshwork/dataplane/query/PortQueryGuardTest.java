package io.meshwork.dataplane.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwork.model.error.InvalidException;
import io.meshwork.quality.sql.SqlParser;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SQL output port's policy of the shared guard ({@link io.meshwork.quality.sql.SqlGuard}): 106 injection and acceptance cases. */
class PortQueryGuardTest {

  private static final String LINES = "orders.\"orders-daily\".order_lines";
  private static final PortName LINES_PORT = new PortName("orders", "orders-daily", "order_lines");
  private static SqlParser parser;
  private static PortQueryGuard guard;

  @BeforeAll
  static void open() {
    parser = new SqlParser();
    guard = new PortQueryGuard(parser);
  }

  @AfterAll
  static void close() {
    parser.close();
  }

  @ParameterizedTest(name = "refuses {0}")
  @ValueSource(strings = {
      // several statements, whatever hides them
      "SELECT * FROM orders.\"orders-daily\".order_lines; SELECT 1",
      "SELECT * FROM orders.\"orders-daily\".order_lines; DROP TABLE \"orders-daily__order_lines__v1\"",
      "SELECT 1 FROM orders.\"orders-daily\".order_lines /* ; */ ; COPY (SELECT 1) TO '/tmp/out.csv'",
      "SELECT 1 FROM orders.\"orders-daily\".order_lines --\n; ATTACH '/tmp/other.duckdb' AS other",
      "SELECT 'x'';COPY (SELECT 1) TO ''/tmp/y''' FROM orders.\"orders-daily\".order_lines; SELECT 2",
      // statements other than SELECT
      "COPY (SELECT * FROM orders.\"orders-daily\".order_lines) TO '/tmp/out.csv'",
      "COPY \"orders-daily__order_lines__v1\" FROM '/etc/passwd'",
      "ATTACH '/tmp/other.duckdb' AS other",
      "DETACH orders",
      "PRAGMA database_list",
      "PRAGMA table_info('_meshwork_batches')",
      "SET enable_external_access = true",
      "RESET ALL",
      "INSTALL httpfs",
      "LOAD httpfs",
      "CALL pragma_version()",
      "EXPORT DATABASE '/tmp/dump'",
      "CREATE TABLE stolen AS SELECT * FROM orders.\"orders-daily\".order_lines",
      "INSERT INTO _meshwork_batches VALUES (1)",
      "UPDATE _meshwork_batches SET status = 'committed'",
      "DELETE FROM _meshwork_batches",
      "DROP TABLE _meshwork_batches",
      "CHECKPOINT",
      "VACUUM",
      "USE orders",
      "EXPLAIN SELECT * FROM orders.\"orders-daily\".order_lines",
      "SUMMARIZE orders.\"orders-daily\".order_lines",
      "DESCRIBE SELECT * FROM _meshwork_batches",
      "SELECT * FROM (DESCRIBE _meshwork_batches)",
      // table functions and files
      "SELECT * FROM read_csv('/etc/passwd')",
      "SELECT * FROM read_csv_auto('/etc/passwd')",
      "SELECT * FROM read_text('/etc/passwd')",
      "SELECT * FROM read_blob('/etc/shadow')",
      "SELECT * FROM read_parquet('/var/lib/meshwork/*.parquet')",
      "SELECT * FROM read_json('/etc/passwd')",
      "SELECT * FROM glob('/etc/*')",
      "SELECT * FROM query('SELECT * FROM _meshwork_batches')",
      "SELECT * FROM query_table('_meshwork_batches')",
      "SELECT * FROM duckdb_tables()",
      "SELECT * FROM duckdb_settings()",
      "SELECT * FROM pragma_table_info('_meshwork_batches')",
      "SELECT * FROM '/etc/passwd'",
      "FROM '/etc/passwd'",
      "SELECT * FROM 'orders.duckdb'",
      "SELECT * FROM orders.\"orders-daily\".order_lines, LATERAL read_csv('/etc/passwd')",
      "SELECT * FROM orders.\"orders-daily\".order_lines JOIN read_csv('/etc/passwd') ON true",
      "SELECT (SELECT count(*) FROM read_csv('/etc/passwd')) FROM orders.\"orders-daily\".order_lines",
      "SELECT * FROM range(10)",
      "SELECT * FROM unnest([1, 2])",
      // functions reaching outside the rows
      "SELECT getenv('HOME') FROM orders.\"orders-daily\".order_lines",
      "SELECT current_setting('home_directory') FROM orders.\"orders-daily\".order_lines",
      "SELECT current_setting('temp_directory')",
      "SELECT getvariable('secret') FROM orders.\"orders-daily\".order_lines",
      "SELECT nextval('seq') FROM orders.\"orders-daily\".order_lines",
      "SELECT json_serialize_plan('SELECT * FROM _meshwork_batches') FROM orders.\"orders-daily\".order_lines",
      "SELECT current_query() FROM orders.\"orders-daily\".order_lines",
      "SELECT main.getenv('HOME') FROM orders.\"orders-daily\".order_lines",
      "SELECT pg_catalog.current_setting('home_directory') FROM orders.\"orders-daily\".order_lines",
      "SELECT sleep_ms(100000) FROM orders.\"orders-daily\".order_lines",
      "SELECT write_log('x') FROM orders.\"orders-daily\".order_lines",
      "SELECT current_database() FROM orders.\"orders-daily\".order_lines",
      // stored tables named directly, in any position
      "SELECT * FROM _meshwork_batches",
      "SELECT * FROM main._meshwork_batches",
      "SELECT * FROM \"orders-daily__order_lines__v1\"",
      "SELECT * FROM main.\"orders-daily__order_lines__v1__quarantine\"",
      "SELECT * FROM orders.\"orders-daily\".order_lines WHERE _batch IN (SELECT seq FROM _meshwork_batches)",
      "SELECT * FROM orders.\"orders-daily\".order_lines l JOIN \"orders-daily__order_lines__v1\" r USING (order_id)",
      "SELECT * FROM orders.\"orders-daily\".order_lines UNION ALL SELECT * FROM \"orders-daily__order_lines__v1\"",
      "SELECT EXISTS (SELECT 1 FROM _meshwork_batches) FROM orders.\"orders-daily\".order_lines",
      "WITH a AS (SELECT * FROM _meshwork_batches) SELECT * FROM orders.\"orders-daily\".order_lines",
      "SELECT * FROM information_schema.tables",
      "SELECT * FROM sqlite_master",
      "SELECT * FROM duckdb_tables",
      // other constructs
      "WITH \"data.csv\" AS (SELECT * FROM orders.\"orders-daily\".order_lines) SELECT * FROM \"data.csv\"",
      "WITH \"/etc/passwd\" AS (SELECT 1) SELECT * FROM orders.\"orders-daily\".order_lines",
      "WITH \"orders-daily__order_lines__v1\" AS (SELECT * FROM orders.\"orders-daily\".order_lines) SELECT * FROM \"orders-daily__order_lines__v1\"",
      "WITH \"orders.orders-daily.order_lines\" AS (SELECT 1) SELECT * FROM \"orders.orders-daily.order_lines\", orders.\"orders-daily\".order_lines",
      "SELECT * FROM orders.\"orders-daily\".order_lines AT (VERSION => 1)",
      "SELECT * FROM orders.\"orders-daily\".order_lines WHERE order_id = $1",
      "SELECT * FROM orders.\"orders-daily\".order_lines WHERE order_id = ?",
      "SELECT * FROM (PIVOT orders.\"orders-daily\".order_lines ON channel USING sum(amount_eur))",
      "SELECT 1",
      "",
      "   ",
      "this is not sql",
  })
  void refuses(String sql) {
    assertThatThrownBy(() -> guard.check(sql))
        .isInstanceOf(InvalidException.class)
        .satisfies(e -> assertThat(((InvalidException) e).violations()).singleElement()
            .satisfies(v -> {
              assertThat(v.pointer()).isEqualTo("/sql");
              assertThat(v.reason()).isNotBlank();
            }));
  }

  @Test
  void explainsWhyInWords() {
    assertThat(reason("SELECT * FROM read_csv('/etc/passwd')")).contains("table functions such as read_csv").contains("domain.product.port");
    assertThat(reason("SELECT * FROM _meshwork_batches")).contains("'_meshwork_batches' is not a port");
    assertThat(reason("SELECT 1; SELECT 2")).contains("exactly one statement");
    assertThat(reason("COPY (SELECT 1) TO 'x'")).contains("only a read-only SELECT");
    assertThat(reason("SELECT getenv('HOME') FROM " + LINES)).contains("getenv() is not allowed").contains("at character 8");
  }

  @ParameterizedTest(name = "accepts {0}")
  @ValueSource(strings = {
      "SELECT * FROM orders.\"orders-daily\".order_lines",
      "select channel, count(*) AS n, sum(amount_eur) FROM orders.\"orders-daily\".order_lines GROUP BY channel HAVING count(*) > 1 ORDER BY 2 DESC",
      "SELECT l.order_id, r.sku FROM orders.\"orders-daily\".order_lines l JOIN orders.\"orders-daily\".order_lines r ON l.order_id = r.order_id AND l.line_no <> r.line_no",
      "WITH web AS (SELECT * FROM orders.\"orders-daily\".order_lines WHERE channel = 'web') SELECT count(*) FROM web",
      "WITH Web AS (SELECT * FROM orders.\"orders-daily\".order_lines), big AS (SELECT * FROM web WHERE amount_eur > 10) SELECT web.sku FROM big JOIN WEB ON big.sku = web.sku",
      "SELECT order_id, row_number() OVER (PARTITION BY channel ORDER BY amount_eur DESC) AS rank FROM orders.\"orders-daily\".order_lines QUALIFY rank <= 3",
      "SELECT sku, sum(amount_eur) OVER w FROM orders.\"orders-daily\".order_lines WINDOW w AS (ORDER BY ordered_at ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)",
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3) SELECT * FROM n, orders.\"orders-daily\".order_lines",
      "SELECT sku FROM orders.\"orders-daily\".order_lines UNION SELECT sku FROM orders.\"orders-daily\".order_lines ORDER BY 1",
      "SELECT * FROM orders.\"orders-daily\".order_lines WHERE amount_eur > (SELECT avg(amount_eur) FROM orders.\"orders-daily\".order_lines)",
      "FROM orders.\"orders-daily\".order_lines SELECT sku WHERE channel IN ('web', 'store') LIMIT 5",
      "SELECT * FROM orders.\"orders-daily\".order_lines AS l(a, b) JOIN (VALUES ('web', 1)) v(channel, weight) ON true",
      "SELECT upper(sku), date_trunc('day', ordered_at), coalesce(customer_email, '-'), sha256(sku) FROM orders.\"orders-daily\".order_lines",
      "SELECT 'it''s; COPY x TO ''/tmp/y''' AS text, E'\\'; ATTACH' AS e FROM orders.\"orders-daily\".order_lines -- ; DROP TABLE x",
      "SELECT pg_typeof(sku) FROM orders.\"orders-daily\".order_lines;",
  })
  void acceptsReadOnlySelectsOverPorts(String sql) {
    GuardedQuery query = guard.check(sql);
    assertThat(query.ports()).containsOnly(LINES_PORT);
    String rendered = query.render(governedStub(), parser);
    assertThat(rendered).doesNotContain("orders-daily\".order_lines").contains("governed");
  }

  @Test
  void aCteNamedLikeAStoredTableIsRenamedSoItCanNeverBindToTheTable() {
    GuardedQuery query = guard.check("WITH _meshwork_batches AS (SELECT * FROM " + LINES + "), "
        + "orders_daily__order_lines__v1 AS (SELECT * FROM _meshwork_batches) SELECT * FROM orders_daily__order_lines__v1");
    String rendered = query.render(governedStub(), parser);
    assertThat(rendered).contains("\"#cte:_meshwork_batches\"").contains("\"#cte:orders_daily__order_lines__v1\"");
    // every table the rendered query reads is a renamed CTE: nothing can bind to a stored table
    assertThat(GuardedQuery.inventory(parser.serialize(rendered).getJsonArray("statements").getJsonObject(0)))
        .filteredOn(item -> item.startsWith("table "))
        .containsExactlyInAnyOrder("table ..#cte:_meshwork_batches", "table ..#cte:orders_daily__order_lines__v1");
  }

  @Test
  void stringsThatLookLikeStatementsStayStrings() {
    String rendered = guard.check("SELECT 'x''; ATTACH ''/tmp/a'' AS a; --' AS s FROM " + LINES).render(governedStub(), parser);
    JsonObject again = parser.serialize(rendered);
    assertThat(again.getJsonArray("statements")).hasSize(1);
    assertThat(rendered).contains("'x''; ATTACH ''/tmp/a'' AS a; --'");
  }

  @Test
  void lists3PartNamesAsPortsWhateverTheyAre() {
    // a stored table named with the database's catalog is still only looked up as a port (and is unknown there)
    assertThat(guard.check("SELECT * FROM orders.main._meshwork_batches").ports())
        .containsExactly(new PortName("orders", "main", "_meshwork_batches"));
  }

  @Test
  void randomAndClockFunctionsAreNotCached() {
    assertThat(guard.check("SELECT random() FROM " + LINES).volatileFunctions()).isTrue();
    assertThat(guard.check("SELECT now() FROM " + LINES).volatileFunctions()).isTrue();
    assertThat(guard.check("SELECT sku FROM " + LINES).volatileFunctions()).isFalse();
  }

  @Test
  void theFingerprintIgnoresLayout() {
    assertThat(guard.check("SELECT sku FROM " + LINES).fingerprint())
        .isEqualTo(guard.check("select   sku\n from " + LINES + " -- hi").fingerprint())
        .isNotEqualTo(guard.check("SELECT channel FROM " + LINES).fingerprint());
  }

  private static Map<PortName, JsonObject> governedStub() {
    Map<PortName, JsonObject> governed = new LinkedHashMap<>();
    governed.put(LINES_PORT, parser.serialize("SELECT 'o1' AS order_id, 1 AS line_no, 'web' AS channel, 'sku' AS sku, 1.0 AS amount_eur, "
        + "TIMESTAMP '2024-01-01' AS ordered_at, NULL AS customer_email, 'governed' AS marker").getJsonArray("statements").getJsonObject(0));
    return governed;
  }

  private static String reason(String sql) {
    try {
      guard.check(sql);
      throw new AssertionError("accepted: " + sql);
    } catch (InvalidException e) {
      return e.violations().get(0).reason();
    }
  }
}
