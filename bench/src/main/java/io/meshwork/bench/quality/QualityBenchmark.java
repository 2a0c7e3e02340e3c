package io.meshwork.bench.quality;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.meshwork.model.contract.DataContract;
import io.meshwork.model.contract.QualityRule;
import io.meshwork.model.contract.SchemaObject;
import io.meshwork.quality.QualityEngine;
import io.meshwork.quality.QualityReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A batch of 10M rows in a DuckDB file judged by 10 ODCS rules (every library metric, a pattern,
 * a list of valid values, percent units, per-property and multi-column duplicates): the quality
 * engine, rules as written in a contract, side by side with one hand-written DuckDB aggregate
 * computing the same ten numbers, in the same run over the same file. The gap is the engine's
 * cost: reading the rules, building the query, judging the results.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class QualityBenchmark {

  static final String TABLE = "\"orders-daily__lines__v1\"";

  static final String CONTRACT = """
      apiVersion: v3.1.0
      kind: DataContract
      id: bench-lines
      version: 1.0.0
      status: active
      domain: orders
      schema:
        - name: lines
          quality:
            - metric: rowCount
              mustBeGreaterThan: 0
            - metric: duplicateValues
              arguments: {properties: [order_id, line_no]}
              mustBe: 0
          properties:
            - name: order_id
              logicalType: integer
              quality:
                - {metric: nullValues, mustBe: 0}
            - name: line_no
              logicalType: integer
            - name: customer_email
              logicalType: string
              quality:
                - {metric: missingValues, mustBeLessThan: 5, unit: percent}
                - {metric: invalidValues, arguments: {pattern: '^[a-z0-9.]+@[a-z0-9.]+$'}, mustBeLessThan: 1, unit: percent}
                - {metric: nullValues, mustBeLessThan: 2, unit: percent}
            - name: channel
              logicalType: string
              quality:
                - {metric: invalidValues, arguments: {validValues: [web, store, app]}, mustBe: 0}
                - {metric: missingValues, arguments: {missingValues: [null, '', 'N/A']}, mustBe: 0}
            - name: sku
              logicalType: string
              quality:
                - {metric: duplicateValues, mustBeGreaterThan: 0}
            - name: amount_eur
              logicalType: number
              quality:
                - {metric: nullValues, mustBeBetween: [0, 100]}
      """;

  /** The same ten numbers, the way one would write them by hand. */
  static final String BASELINE = "SELECT count(*), "
      + "count(*) - count(DISTINCT ROW(order_id, line_no)), "
      + "count(*) FILTER (WHERE order_id IS NULL), "
      + "count(*) FILTER (WHERE customer_email IS NULL OR trim(customer_email) = ''), "
      + "count(*) FILTER (WHERE customer_email IS NOT NULL AND NOT regexp_matches(customer_email, '^[a-z0-9.]+@[a-z0-9.]+$')), "
      + "count(*) FILTER (WHERE customer_email IS NULL), "
      + "count(*) FILTER (WHERE channel IS NOT NULL AND channel NOT IN ('web', 'store', 'app')), "
      + "count(*) FILTER (WHERE channel IS NULL OR channel IN ('', 'N/A')), "
      + "count(sku) - count(DISTINCT sku), "
      + "count(*) FILTER (WHERE amount_eur IS NULL) "
      + "FROM " + TABLE;

  @Param("10000000")
  long rows;

  Path dir;
  Connection connection;
  SchemaObject object;
  List<QualityRule> rules;
  final QualityEngine engine = new QualityEngine();

  @Setup
  public void setUp() throws Exception {
    // the shaded jar may list another java.sql.Driver first; name DuckDB's explicitly
    Class.forName("org.duckdb.DuckDBDriver");
    dir = Files.createTempDirectory("meshwork-quality-bench");
    connection = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("orders.duckdb"));
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE " + TABLE + " AS SELECT i // 4 AS order_id, i % 4 AS line_no, "
          + "CASE WHEN i % 97 = 0 THEN NULL WHEN i % 89 = 0 THEN '' ELSE 'customer' || (i % 100000) || '@example.org' END AS customer_email, "
          + "CASE i % 3 WHEN 0 THEN 'web' WHEN 1 THEN 'store' ELSE 'app' END AS channel, "
          + "'SKU-' || (i % 50000) AS sku, CASE WHEN i % 1000 = 0 THEN NULL ELSE (i % 10000) / 100.0 END AS amount_eur, "
          + "1::BIGINT AS _batch FROM range(" + rows + ") r(i)");
      s.execute("CHECKPOINT");
    }
    object = DataContract.from(new ObjectMapper(new YAMLFactory()).readTree(CONTRACT)).schema().get(0);
    rules = QualityEngine.rulesOf(object);
    if (rules.size() != 10) {
      throw new IllegalStateException("the benchmark is about 10 rules, the contract has " + rules.size());
    }
    QualityReport report = engine.evaluate(connection, TABLE, object, rules);
    if (report.results().stream().anyMatch(r -> !r.evaluated()) || report.scans() != 1) {
      throw new IllegalStateException("every rule must be evaluated in one pass: " + report.toJson().encodePrettily());
    }
  }

  @TearDown
  public void tearDown() throws Exception {
    connection.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  public QualityReport qualityEngine() {
    return engine.evaluate(connection, TABLE, object, rules);
  }

  @Benchmark
  public long plainDuckDbAggregate() throws Exception {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(BASELINE)) {
      rs.next();
      long sum = 0;
      for (int i = 1; i <= 10; i++) {
        sum += rs.getLong(i);
      }
      return sum;
    }
  }
}
