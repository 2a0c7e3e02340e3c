package io.meshwork.bench.observability;

import io.meshwork.access.pdp.Grant;
import io.meshwork.access.pdp.MaskingRules;
import io.meshwork.access.pdp.PolicyDecisionPoint;
import io.meshwork.access.pdp.Principal;
import io.meshwork.access.rowfilter.ColumnType;
import io.meshwork.access.rowfilter.RowFilterParser;
import io.meshwork.bench.dataplane.GovernedReadBenchmark;
import io.meshwork.dataplane.PortContract;
import io.meshwork.dataplane.PortContracts;
import io.meshwork.dataplane.cache.ResultCache;
import io.meshwork.dataplane.query.QueryRoutes;
import io.meshwork.dataplane.query.QueryService;
import io.meshwork.dataplane.query.QuerySettings;
import io.meshwork.dataplane.query.ReadAccess;
import io.meshwork.dataplane.query.ReadAudit;
import io.meshwork.quality.sql.SqlParser;
import io.meshwork.dataplane.storage.DomainDatabases;
import io.meshwork.model.contract.DataContract;
import io.meshwork.model.document.DocumentFormat;
import io.meshwork.model.lifecycle.Lifecycle;
import io.meshwork.observability.MeshMetrics;
import io.meshwork.observability.Spans;
import io.meshwork.observability.Telemetry;
import io.meshwork.observability.VertxFactory;
import io.meshwork.runtime.auth.Caller;
import io.meshwork.runtime.events.EventLog;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * What tracing and metrics cost on the governed query path: {@code POST /api/v1/query} through the
 * node's own SQL output port — {@link QueryRoutes} → {@link QueryService} (SQL guard, the read
 * gate's policy decision with a column mask and a row filter, snapshot, rewrite, DuckDB on the
 * data plane's worker pool, JSON) → the read audit's {@code query.served} CloudEvent published on
 * the event bus to a consumer that records the query meters (as the node's monitoring does) —
 * served by
 * <ul>
 *   <li>{@code plain}: a bare Vert.x, no metrics, no tracing (no-op spans);</li>
 *   <li>{@code observed}: the node's set-up ({@link VertxFactory}: Micrometer per route with the
 *       latency histogram, pool and event-bus meters, a server span for every request, W3C context
 *       across the event bus; the data plane's {@code access.decision} and {@code duckdb read}
 *       spans; {@link MeshMetrics} from the event), spans recorded by the SDK (the node's default
 *       when no collector is configured);</li>
 *   <li>{@code exported}: as observed, with every span also handed to a batch span processor and
 *       an exporter that drops them (the cost of exporting minus the network).</li>
 * </ul>
 * The caller is put on the request as the bearer-token handler does (token verification is the
 * same work with or without telemetry and is measured in the identity benchmark). The result cache
 * is off, so every request runs its query. Not included: the MongoDB insert of the audit event
 * (and its command span) — the embedded store is not part of this process. Same requests, same
 * data, one JVM; one client connection (on a Vert.x of its own, never instrumented), so the
 * figure is latency per request. Target: observed ≤ 5 % over plain.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 4, time = 5)
@Measurement(iterations = 6, time = 5)
public class ObservabilityOverheadBenchmark {

  /** The port and its stored table: those of the governed read benchmark. */
  static final String CONTRACT = GovernedReadBenchmark.CONTRACT;
  static final String TABLE = GovernedReadBenchmark.TABLE;
  /** A consumer's aggregate over the masked, row-filtered port: DuckDB work of a few milliseconds. */
  static final String QUERY = new JsonObject()
      .put("sql", "SELECT sku, count(*) AS lines, sum(amount_eur) AS total, count(DISTINCT customer_email) AS customers"
          + " FROM orders.\"orders-daily\".lines WHERE amount_eur > 50 GROUP BY sku ORDER BY total DESC LIMIT 20")
      .put("format", "json").put("purpose", "analytics").put("limit", 1000).encode();

  /** {@code control} is a second plain set-up: plain against control shows the measurement's own noise (an A/A test). */
  @Param({"plain", "observed", "exported"})
  public String mode;

  /** The caller's side, shared by all set-ups and never instrumented: only the server's telemetry is measured. */
  private static Vertx clientVertx;

  @Param({"20000"})
  public int rows = 20_000;

  /**
   * DuckDB's threads per set-up (the node leaves DuckDB's default, one per core). One thread in every
   * set-up keeps a 2-core machine shared with other work from turning DuckDB's own scheduling into
   * the largest difference between rounds; the work on the path is the same.
   */
  @Param({"1"})
  public int duckdbThreads = Integer.getInteger("bench.duckdb.threads", 1);

  private Telemetry telemetry;
  private Vertx vertx;
  private HttpClient client;
  private int port;
  private Path dir;
  private DomainDatabases domains;
  private SqlParser parser;

  @Setup(Level.Trial)
  public void start() throws Exception {
    boolean observed = mode.equals("observed") || mode.equals("exported");
    if (observed) {
      if (mode.equals("exported")) {
        // the standard configuration path, as an operator's OTEL_TRACES_EXPORTER: a batch processor in front of an exporter
        System.setProperty("otel.traces.exporter", DroppingSpanExporter.NAME);
      }
      try {
        telemetry = Telemetry.start("meshwork-bench");
      } finally {
        System.clearProperty("otel.traces.exporter");
      }
      vertx = VertxFactory.create(telemetry);
    } else {
      vertx = Vertx.vertx();
    }
    Spans spans = observed ? telemetry.spans() : new Spans(OpenTelemetry.noop());
    MeshMetrics metrics = observed ? telemetry.metrics() : null;
    dir = Files.createTempDirectory("meshwork-obs-bench");
    domains = new DomainDatabases(vertx, dir, Map.of(), Set.of(), 2, "1GB", spans);
    DataContract contract = DataContract.from(DocumentFormat.YAML.read(CONTRACT.getBytes(StandardCharsets.UTF_8)));
    PortContract portContract = new PortContract("orders-daily", "orders", Lifecycle.ACTIVE, "lines", contract);
    domains.write("orders", c -> {
      portContract.schema().createOrEvolve(c);
      try (Statement s = c.createStatement()) {
        s.execute("INSERT INTO " + TABLE + " SELECT i // 3, (i % 3)::INTEGER + 1, 'customer' || (i % 2000) || '@example.com', 'SKU-' || (i % 500),"
            + " CASE WHEN i % 2 = 0 THEN 'web' ELSE 'store' END, ((i * 7919) % 50000) / 100.0, TIMESTAMPTZ '2026-01-01' + to_seconds(i),"
            + " (i % 10) + 1 FROM range(" + rows + ") t(i)");
        s.execute("INSERT INTO _meshwork_batches (seq, id, product, port, major, status, committed_at) "
            + "SELECT i, 'b-' || i, 'orders-daily', 'lines', 1, 'committed', now() FROM range(1, 11) t(i)");
        s.execute("CHECKPOINT");
        if (duckdbThreads > 0) {
          s.execute("SET threads = " + duckdbThreads);
        }
      }
      return null;
    }).toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);

    PolicyDecisionPoint pdp = new PolicyDecisionPoint(MaskingRules.defaults());
    Instant now = Instant.now();
    pdp.putGrant(new Grant("g1", new Principal(Principal.Kind.USER, "carlos-id"), "orders-daily", "lines", "analytics",
        now, now.plus(Duration.ofDays(1)), Set.of("order_id", "line_no", "customer_email", "sku", "channel", "amount_eur"), Set.of(),
        Optional.of(RowFilterParser.parse("channel = 'web'", Map.of("channel", ColumnType.STRING), "/rowFilter"))));
    PortContracts contracts = new PortContracts() {
      @Override
      public Future<PortContract> port(String productId, String name) {
        return Future.succeededFuture(portContract);
      }

      @Override
      public Future<String> domain(String productId) {
        return Future.succeededFuture("orders");
      }

      @Override
      public Future<List<PortContract>> ports(String productId) {
        return Future.succeededFuture(List.of(portContract));
      }
    };
    // the read audit's events go out on the event bus, as EventLog publishes them after storing them
    ReadAudit audit = new ReadAudit(event -> {
      vertx.eventBus().publish(EventLog.ADDRESS, event.toJson());
      return Future.succeededFuture();
    });
    vertx.eventBus().<JsonObject>localConsumer(EventLog.ADDRESS, message -> {
      JsonObject data = message.body().getJsonObject("data");
      if (metrics != null && ReadAudit.SERVED.equals(message.body().getString("type"))) {
        // what the node's monitoring (EventMeters) records for a served query
        metrics.decision(true);
        metrics.query(data.getString("domain"), true, Duration.ofMillis(data.getLong("durationMs", 0L)), data.getLong("rows", 0L));
      }
    });
    parser = new SqlParser();
    QuerySettings settings = QuerySettings.defaults();
    QueryService service = new QueryService(vertx, parser, domains, new ReadAccess(contracts, pdp, audit, spans), new ResultCache(0, 0), settings);

    Caller carlos = new Caller("carlos-id", "carlos", Set.of("data-consumer"), Set.of());
    Router router = Router.router(vertx);
    router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(1 << 20));
    router.route("/api/*").handler(ctx -> {
      // what BearerAuthHandler does once the token is verified (Caller.CONTEXT_KEY)
      ctx.put("meshwork.caller", carlos);
      Span.current().setAttribute(Spans.PRINCIPAL, carlos.username());
      ctx.next();
    });
    new QueryRoutes(service, settings).mount(router);
    var server = vertx.createHttpServer(new HttpServerOptions().setTracingPolicy(observed ? TracingPolicy.ALWAYS : TracingPolicy.IGNORE))
        .requestHandler(router).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
    port = server.actualPort();
    synchronized (ObservabilityOverheadBenchmark.class) {
      if (clientVertx == null) {
        clientVertx = Vertx.vertx();
      }
    }
    client = clientVertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTracingPolicy(TracingPolicy.IGNORE),
        new PoolOptions().setHttp1MaxSize(1));
    int first = governedQuery();
    if (first / 1000 != 200) {
      throw new IllegalStateException("the governed query answered " + first / 1000);
    }
  }

  @Benchmark
  public int governedQuery() throws Exception {
    Future<Integer> status = client.request(HttpMethod.POST, port, "127.0.0.1", "/api/v1/query")
        .compose(request -> request.putHeader("Content-Type", "application/json").send(Buffer.buffer(QUERY)))
        .compose(response -> response.body().map(body -> response.statusCode() * 1000 + Math.min(body.length(), 999)));
    try {
      return status.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("no answer within 10 s (" + mode + ")", e);
    }
  }

  /** How many meters the set-up's registry holds (0 for plain): a number that grows with requests would be a cardinality leak. */
  public int meters() {
    if (telemetry != null && System.getProperty("bench.meters") != null) {
      telemetry.registry().getMeters().stream().collect(java.util.stream.Collectors.groupingBy(m -> m.getId().getName(), java.util.stream.Collectors.counting()))
          .forEach((name, n) -> System.out.println("  " + name + " " + n));
    }
    return telemetry == null ? 0 : telemetry.registry().getMeters().size();
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    domains.close();
    parser.close();
    if (telemetry != null) {
      telemetry.close();
    }
  }
}
