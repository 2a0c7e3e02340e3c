package io.meshwork.bench.dataplane;

import io.meshwork.access.pdp.Grant;
import io.meshwork.access.pdp.MaskingRules;
import io.meshwork.access.pdp.PolicyDecisionPoint;
import io.meshwork.access.pdp.Principal;
import io.meshwork.access.rowfilter.RowFilterParser;
import io.meshwork.dataplane.PortContract;
import io.meshwork.dataplane.PortContracts;
import io.meshwork.dataplane.cache.ResultCache;
import io.meshwork.dataplane.query.AsOf;
import io.meshwork.dataplane.query.QueryRequest;
import io.meshwork.dataplane.query.QueryService;
import io.meshwork.dataplane.query.ReadAccess;
import io.meshwork.dataplane.query.ReadAudit;
import io.meshwork.dataplane.query.ResultFormat;
import io.meshwork.dataplane.query.ResultSink;
import io.meshwork.dataplane.query.RowWriter;
import io.meshwork.quality.sql.SqlParser;
import io.meshwork.dataplane.storage.DomainDatabases;
import io.meshwork.dataplane.storage.PortSchema;
import io.meshwork.model.contract.DataContract;
import io.meshwork.model.document.DocumentFormat;
import io.meshwork.model.lifecycle.Lifecycle;
import io.meshwork.runtime.auth.Caller;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * A consumer's SQL over a 5M-row port (10 committed batches) under a grant that masks the e-mail
 * (partial) and keeps the web orders only (row filter): the whole SQL output port — parse and
 * guard, decision, snapshot, rewrite, DuckDB, JSON encoding of the result — side by side with the
 * same query written by hand against the stored table (same filter and mask, no governance) and
 * with the plain query on the stored table (no filter, no mask), in the same run, on the same
 * worker pool, encoded the same way. The result cache is off, so every call runs the query.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class GovernedReadBenchmark {

  /** The order-lines port (also the overhead benchmark's, ObservabilityOverheadBenchmark). */
  public static final String CONTRACT = """
      apiVersion: v3.1.0
      kind: DataContract
      id: bench-lines
      version: 1.0.0
      status: active
      domain: orders
      schema:
        - name: lines
          properties:
            - {name: order_id, logicalType: integer, physicalType: BIGINT, primaryKey: true, primaryKeyPosition: 1}
            - {name: line_no, logicalType: integer, physicalType: INTEGER, primaryKey: true, primaryKeyPosition: 2}
            - {name: customer_email, logicalType: string, classification: confidential}
            - {name: sku, logicalType: string}
            - {name: channel, logicalType: string}
            - {name: amount_eur, logicalType: number, physicalType: DECIMAL(12,2)}
            - {name: ordered_at, logicalType: timestamp}
      """;
  static final String PORT = "orders.\"orders-daily\".lines";
  public static final String TABLE = "\"orders-daily__lines__v1\"";
  /** The partial mask as the governed relation writes it (GovernedSelect), by hand. */
  static final String MASKED_EMAIL = "CASE WHEN strpos(CAST(customer_email AS VARCHAR), '@') > 1"
      + " THEN left(CAST(customer_email AS VARCHAR), 1) || '***' || substr(CAST(customer_email AS VARCHAR), strpos(CAST(customer_email AS VARCHAR), '@'))"
      + " WHEN length(CAST(customer_email AS VARCHAR)) > 6 THEN left(CAST(customer_email AS VARCHAR), 1) || '***' || right(CAST(customer_email AS VARCHAR), 2)"
      + " WHEN customer_email IS NULL THEN NULL ELSE '***' END";

  /** The consumer's query, written against the port; {@code %s} is where the relation goes. */
  @Param({
      "SELECT sku, count(*) AS lines, sum(amount_eur) AS total, count(DISTINCT customer_email) AS customers FROM %s GROUP BY sku ORDER BY total DESC LIMIT 20",
      "SELECT order_id, customer_email, amount_eur FROM %s WHERE amount_eur > 400 ORDER BY order_id LIMIT 10000"})
  public String query;

  @Param({"5000000"})
  public int rows;

  private Path dir;
  private Vertx vertx;
  private DomainDatabases domains;
  private SqlParser parser;
  private QueryService service;
  private final Caller carlos = new Caller("carlos-id", "carlos", Set.of("data-consumer"), Set.of());

  @Setup
  public void setUp() throws Exception {
    dir = Files.createTempDirectory("governed-read-bench");
    vertx = Vertx.vertx();
    domains = new DomainDatabases(vertx, dir, Map.of(), Set.of(), 2);
    DataContract contract = DataContract.from(DocumentFormat.YAML.read(CONTRACT.getBytes(StandardCharsets.UTF_8)));
    PortContract port = new PortContract("orders-daily", "orders", Lifecycle.ACTIVE, "lines", contract);
    PortSchema schema = port.schema();
    await(domains.write("orders", c -> {
      schema.createOrEvolve(c);
      try (Statement s = c.createStatement()) {
        s.execute("INSERT INTO " + TABLE + " SELECT i // 3, (i % 3)::INTEGER + 1, 'customer' || (i % 200000) || '@example.com', 'SKU-' || (i % 5000),"
            + " CASE WHEN i % 2 = 0 THEN 'web' ELSE 'store' END, ((i * 7919) % 50000) / 100.0, TIMESTAMPTZ '2026-01-01' + to_seconds(i),"
            + " (i % 10) + 1 FROM range(" + rows + ") t(i)");
        s.execute("INSERT INTO _meshwork_batches (seq, id, product, port, major, status, committed_at) "
            + "SELECT i, 'b-' || i, 'orders-daily', 'lines', 1, 'committed', now() FROM range(1, 11) t(i)");
        s.execute("CHECKPOINT");
      }
      return null;
    }));
    PolicyDecisionPoint pdp = new PolicyDecisionPoint(MaskingRules.defaults());
    Instant now = Instant.now();
    pdp.putGrant(new Grant("g1", new Principal(Principal.Kind.USER, "carlos-id"), "orders-daily", "lines", "analytics",
        now, now.plus(Duration.ofDays(1)), Set.of("order_id", "line_no", "customer_email", "sku", "channel", "amount_eur"), Set.of(),
        Optional.of(RowFilterParser.parse("channel = 'web'", Map.of("channel", io.meshwork.access.rowfilter.ColumnType.STRING), "/rowFilter"))));
    PortContracts contracts = new PortContracts() {
      @Override
      public Future<PortContract> port(String productId, String name) {
        return Future.succeededFuture(port);
      }

      public Future<String> domain(String productId) {
        return Future.succeededFuture("orders");
      }

      public Future<List<PortContract>> ports(String productId) {
        return Future.succeededFuture(List.of(port));
      }
    };
    parser = new SqlParser();
    ReadAccess access = new ReadAccess(contracts, pdp, new ReadAudit(event -> Future.succeededFuture()));
    service = new QueryService(vertx, parser, domains, access, new ResultCache(0, 0), io.meshwork.dataplane.query.QuerySettings.defaults());
  }

  @TearDown
  public void tearDown() throws Exception {
    domains.close();
    parser.close();
    await(vertx.close());
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** The SQL output port: guard, decision, snapshot, rewrite, DuckDB, JSON. */
  @Benchmark
  public long governed() throws Exception {
    Counting sink = new Counting();
    await(service.serve(carlos, new QueryRequest(query.formatted(PORT), ResultFormat.JSON, 1_000_000, AsOf.LATEST, "analytics"), sink));
    return sink.bytes;
  }

  /** The same filter and mask written by hand on the stored table: DuckDB and JSON, no governance. */
  @Benchmark
  public long handWritten() throws Exception {
    return plain("(SELECT order_id, line_no, " + MASKED_EMAIL + " AS customer_email, sku, channel, amount_eur FROM " + TABLE
        + " WHERE channel = 'web') AS lines");
  }

  /** The consumer's query straight on the stored table: no filter, no mask. */
  @Benchmark
  public long raw() throws Exception {
    return plain(TABLE + " AS lines");
  }

  private long plain(String relation) throws Exception {
    Counting sink = new Counting();
    await(domains.read("orders", c -> {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query.formatted(relation))) {
        return new RowWriter(sink).write(rs, ResultFormat.JSON, 1_000_000, RowWriter.QUERY).rows();
      }
    }));
    return sink.bytes;
  }

  static final class Counting implements ResultSink {
    long bytes;

    @Override
    public void start(int status, Map<String, String> headers) {}

    @Override
    public void write(Buffer chunk) {
      bytes += chunk.length();
    }
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
  }
}
