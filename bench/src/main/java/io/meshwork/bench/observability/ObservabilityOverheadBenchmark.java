package io.meshwork.bench.observability;

import io.meshwork.observability.MeshMetrics;
import io.meshwork.observability.Spans;
import io.meshwork.observability.Telemetry;
import io.meshwork.observability.VertxFactory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.ext.web.Router;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.duckdb.DuckDBConnection;
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
 * What tracing and metrics cost on a governed query's request path: an HTTP request through a
 * Vert.x Web route that runs a filtered aggregate on DuckDB on a worker thread and answers JSON —
 * the shape of the node's query path — served by
 * <ul>
 *   <li>{@code plain}: a bare Vert.x, no metrics, no tracing;</li>
 *   <li>{@code observed}: the node's set-up ({@link VertxFactory}: Micrometer per route with the
 *       latency histogram, a server span for every request, W3C context), plus a DuckDB span
 *       ({@link Spans}) and the query meters ({@link MeshMetrics}) on the path, spans recorded
 *       by the SDK (the node's default when no collector is configured);</li>
 *   <li>{@code exported}: as observed, with every span also handed to a batch span processor and
 *       an exporter that drops them (the cost of exporting minus the network).</li>
 * </ul>
 * Same requests, same data, same JVM run; one client connection, so the figure is latency per
 * request. Target: observed ≤ 5 % over plain.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 4, time = 5)
@Measurement(iterations = 6, time = 5)
public class ObservabilityOverheadBenchmark {

  @Param({"plain", "observed", "exported"})
  public String mode;

  private Telemetry telemetry;
  private Vertx vertx;
  private HttpClient client;
  private int port;
  private Path dir;
  private DuckDBConnection duckdb;

  @Setup(Level.Trial)
  public void start() throws Exception {
    if (mode.equals("exported")) {
      // the standard configuration path, as an operator's OTEL_TRACES_EXPORTER: a batch processor in front of an exporter
      System.setProperty("otel.traces.exporter", DroppingSpanExporter.NAME);
    }
    dir = Files.createTempDirectory("meshwork-obs-bench");
    duckdb = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("orders.duckdb"));
    try (var s = duckdb.createStatement()) {
      s.execute("CREATE TABLE lines AS SELECT 'o-' || i AS order_id, ['web','store','app'][1 + i % 3] AS channel,"
          + " (i % 1000) / 10.0 AS amount_eur FROM range(20000) t(i)");
    }
    boolean observed = !mode.equals("plain");
    if (observed) {
      telemetry = Telemetry.start("meshwork-bench");
      System.clearProperty("otel.traces.exporter");
      vertx = VertxFactory.create(telemetry);
    } else {
      vertx = Vertx.vertx();
    }
    Spans spans = observed ? telemetry.spans() : null;
    MeshMetrics metrics = observed ? telemetry.metrics() : null;
    Router router = Router.router(vertx);
    router.get("/api/v1/products/:id/ports/:port/rows").handler(ctx -> {
      long started = System.nanoTime();
      if (observed) {
        Spans.tagCurrent("orders", ctx.pathParam("id"), ctx.pathParam("port"));
      }
      vertx.executeBlocking(() -> observed
              ? spans.inSpan("duckdb SELECT", Spans.duckdb("orders", "SELECT").build(), this::query)
              : query())
          .onSuccess(rows -> {
            if (observed) {
              metrics.query("orders", true, Duration.ofNanos(System.nanoTime() - started), rows.size());
            }
            ctx.json(new JsonObject().put("rows", rows));
          })
          .onFailure(ctx::fail);
    });
    var server = vertx.createHttpServer(new HttpServerOptions().setTracingPolicy(observed ? TracingPolicy.ALWAYS : TracingPolicy.IGNORE))
        .requestHandler(router).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
    port = server.actualPort();
    client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTracingPolicy(TracingPolicy.IGNORE),
        new PoolOptions().setHttp1MaxSize(1));
  }

  private JsonArray query() throws Exception {
    try (Connection c = duckdb.duplicate();
        PreparedStatement s = c.prepareStatement("SELECT channel, count(*) AS n, sum(amount_eur) AS total FROM lines WHERE amount_eur > ? GROUP BY channel ORDER BY channel")) {
      s.setDouble(1, 50.0);
      JsonArray rows = new JsonArray();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          rows.add(new JsonObject().put("channel", r.getString(1)).put("n", r.getLong(2)).put("total", r.getDouble(3)));
        }
      }
      return rows;
    }
  }

  @Benchmark
  public int governedQuery() throws Exception {
    Future<Integer> status = client.request(HttpMethod.GET, port, "127.0.0.1", "/api/v1/products/orders-daily/ports/order-lines/rows")
        .compose(request -> request.send())
        .compose(response -> response.body().map(body -> response.statusCode() * 1000 + body.length()));
    try {
      return status.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("no answer within 10 s (" + mode + ")", e);
    }
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    if (telemetry != null) {
      telemetry.close();
    }
    duckdb.close();
  }
}
