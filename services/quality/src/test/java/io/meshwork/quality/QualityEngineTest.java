package io.meshwork.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.meshwork.model.contract.DataContract;
import io.meshwork.model.contract.QualityRule;
import io.meshwork.model.contract.SchemaObject;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every metric and operator, passing and failing, over ten real rows in a DuckDB file:
 *
 * <pre>
 *  id | status | email  | amount | tenant
 *   1 | open   | a@x.io |   10   | t1
 *   2 | open   | b@x.io |   20   | t1
 *   3 | closed | ''     |   30   | t1
 *   4 | closed | N/A    |   40   | t2
 *   5 | bogus  | NULL   |   50   | t2
 *   6 | NULL   | c@x.io |   60   | t2
 *   7 | open   | c@x.io |   70   | t2
 *   8 | open   | d@x.io |   80   | t3
 *   9 | open   | e@x.io |   90   | t3
 *   9 | open   | f@x.io |  100   | t3
 * </pre>
 *
 * and rules of nested properties over five rows whose {@code customer} (an object) and {@code lines}
 * (an array of objects) are JSON columns, as the data plane stores them:
 *
 * <pre>
 *  id | customer                                 | lines
 *   1 | {email: a@x.io, address: {city: Paris}}  | [{sku: A, qty: 1}, {sku: B, qty: 2}]
 *   2 | {email: null, address: {city: Lyon}}     | [{sku: A, qty: 1}]
 *   3 | {address: {}}                            | [{qty: 3}]
 *   4 | NULL                                     | NULL
 *   5 | {email: bad, address: {city: ''}}        | [{sku: C, qty: -1}, {sku: C, qty: 0}]
 * </pre>
 */
class QualityEngineTest {

  @TempDir
  static Path dir;
  static Connection db;
  static final String TABLE = "\"orders__orders__v1\"";
  static final String NESTED = "\"orders__nested__v1\"";
  private final QualityEngine engine = new QualityEngine();

  @BeforeAll
  static void data() throws Exception {
    db = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("orders.duckdb"));
    try (Statement s = db.createStatement()) {
      s.execute("CREATE TABLE " + TABLE + " (id INTEGER, status VARCHAR, email VARCHAR, amount DOUBLE, tenant VARCHAR, _batch BIGINT)");
      s.execute("INSERT INTO " + TABLE + " VALUES "
          + "(1,'open','a@x.io',10,'t1',1),(2,'open','b@x.io',20,'t1',1),(3,'closed','',30,'t1',1),(4,'closed','N/A',40,'t2',1),"
          + "(5,'bogus',NULL,50,'t2',1),(6,NULL,'c@x.io',60,'t2',1),(7,'open','c@x.io',70,'t2',1),(8,'open','d@x.io',80,'t3',1),"
          + "(9,'open','e@x.io',90,'t3',1),(9,'open','f@x.io',100,'t3',1)");
      // nested properties as the data plane stores them: an object or array property is one JSON column
      s.execute("CREATE TABLE " + NESTED + " (id INTEGER, customer JSON, lines JSON, _batch BIGINT)");
      s.execute("INSERT INTO " + NESTED + " VALUES "
          + "(1, '{\"email\": \"a@x.io\", \"address\": {\"city\": \"Paris\"}}', '[{\"sku\": \"A\", \"qty\": 1}, {\"sku\": \"B\", \"qty\": 2}]', 1),"
          + "(2, '{\"email\": null, \"address\": {\"city\": \"Lyon\"}}', '[{\"sku\": \"A\", \"qty\": 1}]', 1),"
          + "(3, '{\"address\": {}}', '[{\"qty\": 3}]', 1),"
          + "(4, NULL, NULL, 1),"
          + "(5, '{\"email\": \"bad\", \"address\": {\"city\": \"\"}}', '[{\"sku\": \"C\", \"qty\": -1}, {\"sku\": \"C\", \"qty\": 0}]', 1)");
      s.execute("CREATE TABLE secrets (v INTEGER)");
      s.execute("INSERT INTO secrets VALUES (42)");
    }
  }

  @AfterAll
  static void close() throws Exception {
    db.close();
  }

  static Stream<Arguments> libraryRules() {
    return Stream.of(
        // rowCount (schema level): 10 rows
        Arguments.of(null, "{metric: rowCount, mustBe: 10}", "passed", 10.0),
        Arguments.of(null, "{metric: rowCount, mustBe: 11}", "failed", 10.0),
        Arguments.of(null, "{metric: rowCount, mustNotBe: 0}", "passed", 10.0),
        Arguments.of(null, "{metric: rowCount, mustNotBe: 10}", "failed", 10.0),
        Arguments.of(null, "{metric: rowCount, mustBeGreaterThan: 9}", "passed", 10.0),
        Arguments.of(null, "{metric: rowCount, mustBeGreaterThan: 10}", "failed", 10.0),
        Arguments.of(null, "{metric: rowCount, mustBeGreaterOrEqualTo: 10}", "passed", 10.0),
        Arguments.of(null, "{metric: rowCount, mustBeGreaterOrEqualTo: 11}", "failed", 10.0),
        Arguments.of(null, "{metric: rowCount, mustBeGreaterThanOrEqualTo: 10}", "passed", 10.0),
        Arguments.of(null, "{metric: rowCount, mustBeLessThan: 11}", "passed", 10.0),
        Arguments.of(null, "{metric: rowCount, mustBeLessThan: 10}", "failed", 10.0),
        Arguments.of(null, "{metric: rowCount, mustBeLessOrEqualTo: 10}", "passed", 10.0),
        Arguments.of(null, "{metric: rowCount, mustBeLessOrEqualTo: 9}", "failed", 10.0),
        Arguments.of(null, "{metric: rowCount, mustBeLessThanOrEqualTo: 9}", "failed", 10.0),
        Arguments.of(null, "{metric: rowCount, mustBeBetween: [10, 20]}", "passed", 10.0),
        Arguments.of(null, "{metric: rowCount, mustBeBetween: [11, 20]}", "failed", 10.0),
        Arguments.of(null, "{metric: rowCount, mustNotBeBetween: [11, 20]}", "passed", 10.0),
        Arguments.of(null, "{metric: rowCount, mustNotBeBetween: [1, 10]}", "failed", 10.0),
        Arguments.of(null, "{metric: rowCount, mustBeGreaterThan: 5, mustBeLessThan: 10}", "failed", 10.0),
        Arguments.of(null, "{rule: rowCount, mustBe: 10}", "passed", 10.0),
        // nullValues
        Arguments.of("id", "{metric: nullValues, mustBe: 0}", "passed", 0.0),
        Arguments.of("status", "{metric: nullValues, mustBe: 0}", "failed", 1.0),
        Arguments.of("status", "{metric: nullValues, mustBeLessThan: 11, unit: percent}", "passed", 10.0),
        Arguments.of("status", "{metric: nullValues, mustBeLessThan: 10, unit: percent}", "failed", 10.0),
        // missingValues: null or blank by default, else exactly the listed values
        Arguments.of("email", "{metric: missingValues, mustBeLessOrEqualTo: 2}", "passed", 2.0),
        Arguments.of("email", "{metric: missingValues, mustBe: 0}", "failed", 2.0),
        Arguments.of("email", "{metric: missingValues, arguments: {missingValues: [null, '', 'N/A']}, mustBe: 3}", "passed", 3.0),
        Arguments.of("email", "{metric: missingValues, arguments: {missingValues: ['N/A']}, mustBe: 0}", "failed", 1.0),
        Arguments.of("email", "{metric: missingValues, arguments: {missingValues: [null, '', 'N/A']}, mustBeLessThan: 20, unit: percent}", "failed", 30.0),
        // invalidValues: a list of valid values, a pattern (nulls are missing, not invalid)
        Arguments.of("status", "{metric: invalidValues, arguments: {validValues: [open, closed, bogus]}, mustBe: 0}", "passed", 0.0),
        Arguments.of("status", "{metric: invalidValues, arguments: {validValues: [open, closed]}, mustBe: 0}", "failed", 1.0),
        Arguments.of("email", "{metric: invalidValues, arguments: {pattern: '^[a-z]+@x\\.io$'}, mustBeLessThan: 3}", "passed", 2.0),
        Arguments.of("email", "{metric: invalidValues, arguments: {pattern: '^[a-z]+@x\\.io$'}, mustBe: 0}", "failed", 2.0),
        Arguments.of("id", "{metric: invalidValues, arguments: {validValues: [1, 2, 3, 4, 5, 6, 7, 8, 9]}, mustBe: 0}", "passed", 0.0),
        Arguments.of("amount", "{metric: invalidValues, arguments: {validValues: [10, 20]}, mustBeLessThan: 50, unit: percent}", "failed", 80.0),
        // duplicateValues, per property and over several properties
        Arguments.of("id", "{metric: duplicateValues, mustBe: 1}", "passed", 1.0),
        Arguments.of("id", "{metric: duplicateValues, mustBe: 0}", "failed", 1.0),
        Arguments.of("tenant", "{metric: duplicateValues, mustBeLessThan: 50, unit: percent}", "failed", 70.0),
        Arguments.of("amount", "{metric: duplicateValues, mustBe: 0}", "passed", 0.0),
        Arguments.of(null, "{metric: duplicateValues, arguments: {properties: [id, tenant]}, mustBe: 0}", "failed", 1.0),
        Arguments.of(null, "{metric: duplicateValues, arguments: {properties: [id, email]}, mustBe: 0}", "passed", 0.0),
        Arguments.of(null, "{metric: duplicateValues, mustBe: 0}", "passed", 0.0));
  }

  @ParameterizedTest(name = "[{index}] {0}: {1} → {2}")
  @MethodSource("libraryRules")
  void libraryMetric(String property, String rule, String status, double value) {
    RuleResult result = single(property, rule);
    assertThat(result.status()).as(result.toString()).isEqualTo(status);
    assertThat(result.value()).isEqualTo(value);
  }

  static Stream<Arguments> sqlRules() {
    return Stream.of(
        Arguments.of(null, "{type: sql, query: 'SELECT count(*) FROM {object} WHERE amount > 50', mustBe: 5}", "passed", 5.0),
        Arguments.of(null, "{type: sql, query: 'SELECT max(amount) FROM ${object}', mustBeLessThan: 100}", "failed", 100.0),
        Arguments.of("email", "{type: sql, query: 'SELECT count(*) FROM {object} WHERE {property} LIKE ''%@x.io''', mustBeGreaterThan: 6}", "passed", 7.0),
        Arguments.of(null, "{type: sql, query: 'WITH big AS (SELECT * FROM {object} WHERE amount >= 90) SELECT count(*) FROM big', mustBe: 2}", "passed", 2.0),
        Arguments.of(null, "{type: sql, query: 'SELECT bool_and(amount > 0) FROM {object}', mustBe: 1}", "passed", 1.0),
        Arguments.of(null, "{type: sql, query: 'SELECT max(o.amount) FROM {object} AS o JOIN {object} AS p ON o.id = p.id', mustBe: 100}", "passed", 100.0),
        // the placeholder is replaced in the parse tree, not in the text: inside a string it stays a string
        Arguments.of(null, "{type: sql, query: 'SELECT count(*) FROM {object} WHERE ''{object}'' LIKE ''%quality_object%''', mustBe: 10}", "passed", 10.0));
  }

  @ParameterizedTest(name = "[{index}] {1} → {2}")
  @MethodSource("sqlRules")
  void sqlRule(String property, String rule, String status, double value) {
    RuleResult result = single(property, rule);
    assertThat(result.status()).as(result.toString()).isEqualTo(status);
    assertThat(result.value()).isEqualTo(value);
  }

  static Stream<Arguments> maliciousQueries() {
    return Stream.of(
        Arguments.of("SELECT count(*) FROM read_csv(''/etc/passwd'')", "must read the data through the {object}"),
        Arguments.of("SELECT (SELECT count(*) FROM read_csv(''/etc/passwd'')) FROM {object}", "table functions"),
        Arguments.of("SELECT (SELECT count(*) FROM ''/etc/passwd'') FROM {object}", "may only read {object}, not '/etc/passwd'"),
        Arguments.of("SELECT count(*) FROM {object}, read_text(''/etc/hostname'')", "table functions"),
        Arguments.of("SELECT v FROM secrets", "must read the data through the {object}"),
        Arguments.of("SELECT (SELECT v FROM secrets) + count(*) FROM {object}", "may only read {object}, not 'secrets'"),
        Arguments.of("SELECT count(*) FROM {object} UNION ALL SELECT count(*) FROM _meshwork_batches", "may only read {object}"),
        Arguments.of("SELECT count(*) FROM {object}; DROP TABLE secrets", "only a read-only SELECT"),
        Arguments.of("COPY (SELECT * FROM {object}) TO ''/tmp/leak.csv''", "only a read-only SELECT"),
        Arguments.of("ATTACH ''/tmp/other.duckdb'' AS o", "must read the data through the {object}"),
        Arguments.of("PRAGMA database_list", "must read the data through the {object}"),
        Arguments.of("SELECT count(*) FROM {object} WHERE getenv(''HOME'') IS NOT NULL", "getenv"),
        Arguments.of("SELECT count(*) FROM main.secrets, {object}", "may only read {object}"),
        Arguments.of("SELECT count(*) FROM {object} WHERE amount IN (SELECT * FROM duckdb_settings())", "table functions"),
        Arguments.of("DELETE FROM {object}", "only a read-only SELECT"),
        // the SQL output port's cases, checked by the same guard
        Arguments.of("SELECT count(*) FROM {object} WHERE current_setting(''threads'') IS NOT NULL", "current_setting() is not allowed"),
        Arguments.of("SELECT count(*) FROM {object}, glob(''/etc/*'')", "table functions"),
        Arguments.of("SELECT count(*) FROM {object} WHERE id IN (FROM ''/etc/passwd'')", "may only read {object}, not '/etc/passwd'"),
        Arguments.of("SELECT count(*) FROM {object} AT (VERSION => 1)", "time travel"),
        Arguments.of("SELECT count(*) FROM {object} WHERE id = $1", "parameters"),
        Arguments.of("SELECT count(*) FROM {object} WHERE nextval(''s'') > 0", "nextval() is not allowed"),
        Arguments.of("SELECT count(*) FROM {object} WHERE json_serialize_sql(''SELECT 1'') IS NOT NULL", "json_serialize_sql() is not allowed"),
        Arguments.of("SELECT count(*) FROM {object} WHERE main.lower(status) = ''open''", "by their name alone"),
        Arguments.of("WITH \"/etc/passwd\" AS (SELECT 1) SELECT count(*) FROM {object}", "CTE names are plain identifiers"),
        Arguments.of("SELECT count(*) FROM {object} WHERE id IN (SELECT seq FROM orders._meshwork_batches)", "may only read {object}"),
        Arguments.of("SELECT count(*) FROM {object} WHERE id IN (SELECT * FROM query(''SELECT 1''))", "table functions"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("maliciousQueries")
  void sqlRuleThatIsNotAReadOfTheObjectIsRejected(String query, String reason) throws Exception {
    RuleResult result = single(null, "{type: sql, query: '" + query + "', mustBe: 0}");
    assertThat(result.status()).isEqualTo(RuleResult.NOT_EVALUATED);
    assertThat(result.reason()).startsWith("query rejected").contains(reason);
    try (Statement s = db.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM secrets")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(1);
    }
    assertThat(Path.of("/tmp/leak.csv")).doesNotExist();
  }

  static Stream<Arguments> unusableRules() {
    return Stream.of(
        Arguments.of("id", "{metric: medianValue, mustBe: 0}", "unknown metric 'medianValue'"),
        Arguments.of("id", "{metric: nullValues, mustBeRoughly: 0}", "unknown operator 'mustBeRoughly'"),
        Arguments.of("id", "{metric: nullValues}", "no operator"),
        Arguments.of("id", "{metric: nullValues, mustBeBetween: [5]}", "list of two numbers"),
        Arguments.of("id", "{metric: nullValues, mustBe: zero}", "needs a number"),
        Arguments.of("id", "{metric: nullValues, mustBe: 0, unit: furlongs}", "unknown unit"),
        Arguments.of(null, "{metric: nullValues, mustBe: 0}", "property-level metric"),
        Arguments.of("status", "{metric: invalidValues, mustBe: 0}", "needs arguments.validValues or arguments.pattern"),
        Arguments.of("id", "{type: text, description: Ids are issued by the shop}", "text rule"),
        Arguments.of("id", "{type: custom, engine: soda, implementation: 'x'}", "soda"),
        Arguments.of(null, "{type: sql, query: 'SELECT count(*) FROM {object} WHERE nope > 1', mustBe: 0}", "the query failed"),
        Arguments.of(null, "{type: sql, query: 'SELECT id FROM {object}', mustBe: 0}", "one row with one value"),
        Arguments.of(null, "{type: sql, query: 'SELECT count(*) FROM {object} WHERE {property} > 1', mustBe: 0}", "only known in a property"));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("unusableRules")
  void ruleThatCannotBeEvaluatedSaysWhyAndNeverBlocks(String property, String rule, String reason) {
    QualityReport report = engine.evaluate(db, TABLE, contract(property, rule), rulesOf(property, rule));
    RuleResult result = report.results().get(0);
    assertThat(result.status()).isEqualTo(RuleResult.NOT_EVALUATED);
    assertThat(result.reason()).contains(reason);
    assertThat(report.blocking()).isFalse();
  }

  static Stream<Arguments> nestedRules() {
    return Stream.of(
        // a property of an object: a JSON path into its column, counted per row
        Arguments.of("customer.email", "{metric: nullValues, mustBe: 0}", "failed", 3.0),
        Arguments.of("customer.email", "{metric: nullValues, mustBeLessOrEqualTo: 3}", "passed", 3.0),
        Arguments.of("customer.email", "{metric: nullValues, mustBeLessThan: 50, unit: percent}", "failed", 60.0),
        Arguments.of("customer.email", "{metric: missingValues, mustBe: 3}", "passed", 3.0),
        Arguments.of("customer.email", "{metric: invalidValues, arguments: {pattern: '^[^@]+@[^@]+$'}, mustBe: 0}", "failed", 1.0),
        Arguments.of("customer.email", "{metric: duplicateValues, mustBe: 0}", "passed", 0.0),
        Arguments.of("customer.address.city", "{metric: missingValues, mustBe: 0}", "failed", 3.0),
        Arguments.of("customer.address.city", "{metric: invalidValues, arguments: {validValues: [Paris, Lyon, '']}, mustBe: 0}", "passed", 0.0),
        Arguments.of("customer.email", "{type: sql, query: 'SELECT count(*) FROM {object} WHERE {property} LIKE ''%@%''', mustBe: 1}", "passed", 1.0),
        // a property of an array's objects: counted per element (six elements in all)
        Arguments.of("lines.sku", "{metric: rowCount, mustBe: 6}", "passed", 6.0),
        Arguments.of("lines.sku", "{metric: nullValues, mustBe: 0}", "failed", 1.0),
        Arguments.of("lines.sku", "{metric: nullValues, mustBeLessThan: 20, unit: percent}", "passed", 100.0 / 6),
        Arguments.of("lines.sku", "{metric: duplicateValues, mustBe: 0}", "failed", 2.0),
        Arguments.of("lines.sku", "{metric: invalidValues, arguments: {validValues: [A, B]}, mustBe: 0}", "failed", 2.0),
        Arguments.of("lines.sku", "{metric: invalidValues, arguments: {validValues: [A, B, C]}, mustBe: 0}", "passed", 0.0),
        Arguments.of("lines.qty", "{metric: invalidValues, arguments: {validValues: [1, 2, 3]}, mustBe: 0}", "failed", 2.0),
        Arguments.of("lines.qty", "{metric: missingValues, mustBe: 0}", "passed", 0.0));
  }

  @ParameterizedTest(name = "[{index}] {0}: {1} → {2}")
  @MethodSource("nestedRules")
  void nestedPropertyRule(String property, String rule, String status, double value) {
    SchemaObject object = nested(property, "[" + rule + "]");
    QualityReport report = engine.evaluate(db, NESTED, object, QualityEngine.rulesOf(object));
    assertThat(report.results()).hasSize(1);
    RuleResult result = report.results().get(0);
    assertThat(result.status()).as(result.toString()).isEqualTo(status);
    assertThat(result.value()).isCloseTo(value, Offset.offset(1e-9));
  }

  @Test
  void nestedRulesShareTheOnePassWithTopLevelRules() {
    List<String> executed = new ArrayList<>();
    List<QualityRule> rules = new ArrayList<>();
    for (Arguments a : nestedRules().toList()) {
      if (!((String) a.get()[1]).contains("type: sql")) {
        rules.addAll(QualityEngine.rulesOf(nested((String) a.get()[0], "[" + a.get()[1] + "]")));
      }
    }
    rules.addAll(QualityEngine.rulesOf(nested("id", "[{metric: nullValues, mustBe: 0}]")));
    QualityReport report = engine.evaluate(counting(db, executed), NESTED, nested(null, null), rules);
    assertThat(report.results()).hasSize(rules.size()).allMatch(RuleResult::evaluated);
    assertThat(executed).hasSize(1);
    assertThat(report.rows()).isEqualTo(5);
  }

  @Test
  void aNestedValueTheDataCannotReachIsMissingOrNotEvaluated() {
    String sql = "[{type: sql, query: 'SELECT count(*) FROM {object} WHERE {property} IS NULL', mustBe: 0}]";
    RuleResult element = engine.evaluate(db, NESTED, nested("lines.sku", sql), QualityEngine.rulesOf(nested("lines.sku", sql))).results().get(0);
    assertThat(element.status()).isEqualTo(RuleResult.NOT_EVALUATED);
    assertThat(element.reason()).contains("unnest");
    // a column holding text that is no JSON where the contract promises an object: NULL, so missing, never a failed query
    SchemaObject object = nested("customer.email", "[{metric: nullValues, mustBe: 5}]");
    QualityReport report = engine.evaluate(db, "(SELECT id, CAST('not json' AS VARCHAR) AS customer, lines FROM " + NESTED + ")", object,
        QualityEngine.rulesOf(object));
    assertThat(report.results().get(0).status()).as(report.results().get(0).toString()).isEqualTo(RuleResult.PASSED);
  }

  /** The nested contract, with {@code rules} on the property at {@code path} (or none). */
  static SchemaObject nested(String path, String rules) {
    String yaml = """
        apiVersion: v3.1.0
        kind: DataContract
        id: orders-nested
        version: 1.0.0
        status: active
        domain: orders
        schema:
          - name: orders
            properties:
              - name: id
                logicalType: integer
                quality: %s
              - name: customer
                logicalType: object
                properties:
                  - name: email
                    logicalType: string
                    quality: %s
                  - name: address
                    logicalType: object
                    properties:
                      - name: city
                        logicalType: string
                        quality: %s
              - name: lines
                logicalType: array
                items:
                  logicalType: object
                  properties:
                    - name: sku
                      logicalType: string
                      quality: %s
                    - name: qty
                      logicalType: integer
                      quality: %s
        """.formatted(Stream.of("id", "customer.email", "customer.address.city", "lines.sku", "lines.qty")
            .map(p -> p.equals(path) ? rules : "[]").toArray());
    try {
      return DataContract.from(new ObjectMapper(new YAMLFactory()).readTree(yaml)).schema().get(0);
    } catch (Exception e) {
      throw new IllegalArgumentException(yaml, e);
    }
  }

  @Test
  void aBadPatternLosesOnlyItsOwnRule() {
    String rules = "[{metric: invalidValues, arguments: {pattern: '([a-z'}, mustBe: 0}, {metric: nullValues, mustBe: 0}]";
    SchemaObject object = object("email", rules);
    QualityReport report = engine.evaluate(db, TABLE, object, QualityEngine.rulesOf(object));
    assertThat(report.results()).extracting(RuleResult::status).containsExactly(RuleResult.NOT_EVALUATED, RuleResult.FAILED);
    assertThat(report.results().get(0).reason()).startsWith("DuckDB could not compute it");
    assertThat(report.rows()).isEqualTo(10);
  }

  @Test
  void severityDecidesWhetherAFailureBlocks() {
    SchemaObject object = object("status", "[{metric: nullValues, mustBe: 0, severity: warning, name: no-null-status},"
        + " {metric: invalidValues, arguments: {validValues: [open, closed, bogus]}, mustBe: 0}]");
    QualityReport advisory = engine.evaluate(db, TABLE, object, QualityEngine.rulesOf(object));
    assertThat(advisory.results().get(0).status()).isEqualTo(RuleResult.FAILED);
    assertThat(advisory.blocking()).isFalse();

    SchemaObject strict = object("status", "[{metric: nullValues, mustBe: 0, name: no-null-status}]");
    QualityReport blocking = engine.evaluate(db, TABLE, strict, QualityEngine.rulesOf(strict));
    assertThat(blocking.results().get(0).severity()).isEqualTo("error");
    assertThat(blocking.blocking()).isTrue();
    assertThat(blocking.blockingRules()).containsExactly("no-null-status");
    assertThat(blocking.toJson().getJsonArray("results").getJsonObject(0).getBoolean("blocking")).isTrue();
  }

  @Test
  void judgesExactlyTheRowsOfTheRelationGiven() {
    SchemaObject object = object(null, "[{metric: rowCount, mustBe: 3}]");
    String batch = "(SELECT * FROM " + TABLE + " WHERE tenant = 't1')";
    QualityReport report = engine.evaluate(db, batch, object, QualityEngine.rulesOf(object));
    assertThat(report.results().get(0).status()).isEqualTo(RuleResult.PASSED);
    assertThat(report.rows()).isEqualTo(3);
  }

  @Test
  void allLibraryMetricsAreComputedInOneStatement() {
    List<String> executed = new ArrayList<>();
    Connection counting = counting(db, executed);
    StringBuilder rules = new StringBuilder("[");
    libraryRules().map(a -> a.get()).filter(a -> "email".equals(a[0])).forEach(a -> rules.append(a[1]).append(','));
    rules.append("{metric: rowCount, mustBe: 10}]");
    SchemaObject object = object("email", rules.toString());
    QualityReport report = engine.evaluate(counting, TABLE, object, QualityEngine.rulesOf(object));
    assertThat(report.results()).hasSizeGreaterThan(7).allMatch(RuleResult::evaluated);
    assertThat(executed).hasSize(1);
    assertThat(executed.get(0)).contains("FROM " + TABLE);
    assertThat(report.scans()).isEqualTo(1);
  }

  private static Connection counting(Connection target, List<String> executed) {
    return (Connection) Proxy.newProxyInstance(QualityEngineTest.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, m, args) -> {
      Object real = m.invoke(target, args);
      if (real instanceof Statement statement && m.getName().equals("createStatement")) {
        return Proxy.newProxyInstance(QualityEngineTest.class.getClassLoader(), new Class<?>[] {Statement.class}, (p2, m2, a2) -> {
          if (m2.getName().startsWith("execute") && a2 != null && a2.length > 0) {
            executed.add((String) a2[0]);
          }
          return m2.invoke(statement, a2);
        });
      }
      if (m.getName().equals("prepareStatement")) {
        executed.add((String) args[0]);
      }
      return real;
    });
  }

  private RuleResult single(String property, String rule) {
    SchemaObject object = contract(property, rule);
    QualityReport report = engine.evaluate(db, TABLE, object, QualityEngine.rulesOf(object));
    assertThat(report.results()).hasSize(1);
    return report.results().get(0);
  }

  private static List<QualityRule> rulesOf(String property, String rule) {
    return QualityEngine.rulesOf(contract(property, rule));
  }

  private static SchemaObject contract(String property, String rule) {
    return object(property, "[" + rule + "]");
  }

  /** A real contract, parsed as the catalog parses it, with {@code rules} on the object or one property. */
  static SchemaObject object(String property, String rules) {
    StringBuilder yaml = new StringBuilder("""
        apiVersion: v3.1.0
        kind: DataContract
        id: orders-quality
        version: 1.0.0
        status: active
        domain: orders
        schema:
          - name: orders
        """);
    if (property == null) {
      yaml.append("    quality: ").append(rules).append('\n');
    }
    yaml.append("    properties:\n");
    for (String[] column : new String[][] {{"id", "integer"}, {"status", "string"}, {"email", "string"}, {"amount", "number"}, {"tenant", "string"}}) {
      yaml.append("      - name: ").append(column[0]).append("\n        logicalType: ").append(column[1]).append('\n');
      if (column[0].equals(property)) {
        yaml.append("        quality: ").append(rules).append('\n');
      }
    }
    try {
      return DataContract.from(new ObjectMapper(new YAMLFactory()).readTree(yaml.toString())).schema().get(0);
    } catch (Exception e) {
      throw new IllegalArgumentException(yaml.toString(), e);
    }
  }
}
