package io.meshwork.node;

import static io.meshwork.node.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Pipelines on schedule and retention on its timer, end to end on a running node with real tokens
 * and real DuckDB: cron schedules with a seconds field pull a URL (a real HTTP server with bearer
 * credentials, which never show in the API nor in the node's log, at DEBUG) and a file under a file
 * root; failing sources give FAILED runs with their reason and an OpenLineage FAIL event while the
 * schedule goes on; detaching stops the schedule; a restarted node picks the schedules up again;
 * the retention timer (every second here) retires batches older than the contract keeps them, and
 * nothing else.
 */
class PipelineIT {

  static final String HEADER = "order_id,line_no,customer_email,sku,channel,amount_eur,ordered_at\n";
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static TestMesh mesh;
  private static String olivia;
  private static String carlos;
  private static Path inbox;
  private static final Queue<String> LOG_LINES = new ConcurrentLinkedQueue<>();
  private static final AppenderBase<ILoggingEvent> CAPTURE = new AppenderBase<>() {
    @Override
    protected void append(ILoggingEvent event) {
      LOG_LINES.add(event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy())));
    }
  };
  private static Level meshworkLevel;

  @BeforeAll
  static void startMesh() throws Exception {
    // everything the node logs, down to DEBUG, is searched for the source credentials
    Logger meshwork = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("io.meshwork");
    meshworkLevel = meshwork.getLevel();
    meshwork.setLevel(Level.DEBUG);
    CAPTURE.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    CAPTURE.start();
    ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).addAppender(CAPTURE);

    inbox = Files.createTempDirectory("pipeline-it-inbox");
    mesh = TestMesh.start("pipeline-it", config -> config.withDataPlane(config.dataPlane()
        .withFileRoots(List.of(inbox)).withRetentionCheck(Duration.ofSeconds(1))));
    olivia = mesh.token("olivia");
    carlos = mesh.token("carlos");
  }

  @AfterAll
  static void stopMesh() {
    if (mesh != null) {
      mesh.close();
    }
    LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
    logging.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(CAPTURE);
    logging.getLogger("io.meshwork").setLevel(meshworkLevel);
  }

  @Test
  void scheduledRunsPullAUrlWithCredentialsAndAFileUntilThePipelineIsDetached() throws Exception {
    String product = register("orders-scheduled", 2, "y");
    String token = "sched-token-" + UUID.randomUUID();
    AtomicInteger requests = new AtomicInteger();
    AtomicInteger unauthorized = new AtomicInteger();
    HttpServer source = serve("/orders.csv", exchange -> {
      if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        unauthorized.incrementAndGet();
        answer(exchange, 401, "");
        return;
      }
      int n = requests.incrementAndGet();
      answer(exchange, 200, HEADER + "url-" + n + ",1,,SKU-1,web,1.50,2026-11-03 08:00:00\nurl-" + n + ",2,,SKU-2,store,2,2026-11-03 08:00:00\n");
    });
    Path file = inbox.resolve("shop-drop.ndjson");
    Files.writeString(file, """
        {"order_id":"file-1","line_no":1,"sku":"SKU-9","channel":"web","amount_eur":4.5,"ordered_at":"2026-11-04T09:00:00Z"}
        """);
    try {
      String url = "http://127.0.0.1:" + source.getAddress().getPort() + "/orders.csv";
      HttpResponse<String> put = mesh.putYaml("/api/v1/products/" + product + "/pipeline", olivia, """
          sources:
            - name: erp
              port: order-lines
              format: csv
              url: %s
              schedule: "*/2 * * * * *"
              credentials: {type: bearer, token: %s}
            - name: drop
              port: order-lines
              format: ndjson
              path: %s
              schedule: "*/3 * * * * *"
          """.formatted(url, token, file));
      assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
      assertThat(put.body()).doesNotContain(token);

      JsonArray runs = eventually("two scheduled runs of the URL and one of the file, committed", () -> runs(product),
          all -> count(all, url, "committed") >= 2 && count(all, file.toString(), "committed") >= 1);
      assertThat(runs.stream().map(r -> ((JsonObject) r).getString("trigger"))).containsOnly("schedule");
      assertThat(unauthorized.get()).as("every pull carried the credentials").isZero();
      assertThat(requests.get()).isGreaterThanOrEqualTo(2);
      assertThat(runs.encode()).doesNotContain(token);

      JsonArray batches = new JsonObject(mesh.get("/api/v1/products/" + product + "/ports/order-lines/batches?limit=100", carlos).body())
          .getJsonArray("items");
      assertThat(batches.stream().map(b -> ((JsonObject) b).getString("source"))).contains(url, file.toString());
      JsonArray rows = new JsonObject(mesh.get("/api/v1/products/" + product + "/ports/order-lines/rows?limit=1000&fields=order_id", olivia).body())
          .getJsonArray("items");
      assertThat(rows.stream().map(r -> ((JsonObject) r).getString("order_id"))).contains("url-1", "url-2", "file-1");
      assertThat(mesh.get("/api/v1/products/" + product + "/pipeline", olivia).body()).doesNotContain(token).contains("\"credentials\":\"set\"");

      // detached: nothing more starts (a run already going may finish)
      assertProblem(mesh.call("DELETE", "/api/v1/products/" + product + "/pipeline", carlos, null, null), 403);
      detach(product);
      assertProblem(mesh.get("/api/v1/products/" + product + "/pipeline", olivia), 404);
      assertProblem(mesh.call("DELETE", "/api/v1/products/" + product + "/pipeline", olivia, null, null), 404);
      int settled = settle(requests);
      long until = System.currentTimeMillis() + 5_000; // more than two periods of both schedules
      while (System.currentTimeMillis() < until) {
        assertThat(requests.get()).as("no pull after the pipeline was detached").isEqualTo(settled);
        Thread.sleep(250);
      }
      assertThat(logText()).as("the capture sees the node's DEBUG lines").contains("of " + product + "/erp started")
          .as("the node's log never shows the source credentials").doesNotContain(token);
    } finally {
      source.stop(0);
    }
  }

  @Test
  void aFailingSourceGivesFailedRunsWithTheReasonAndALineageFailAndTheScheduleGoesOn() throws Exception {
    String product = register("orders-failing", 2, "y");
    AtomicInteger served = new AtomicInteger();
    HttpServer source = serve("/broken.csv", exchange -> {
      served.incrementAndGet();
      answer(exchange, 500, "");
    });
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      closedPort = probe.getLocalPort();
    }
    try {
      String broken = "http://127.0.0.1:" + source.getAddress().getPort() + "/broken.csv";
      String unreachable = "http://127.0.0.1:" + closedPort + "/orders.csv";
      HttpResponse<String> put = mesh.putYaml("/api/v1/products/" + product + "/pipeline", olivia, """
          sources:
            - name: broken
              port: order-lines
              format: csv
              url: %s
              schedule: "*/2 * * * * *"
            - name: gone
              port: order-lines
              format: csv
              url: %s
              schedule: "*/2 * * * * *"
          """.formatted(broken, unreachable));
      assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

      JsonArray runs = eventually("two failed scheduled runs of each source", () -> runs(product),
          all -> count(all, broken, "failed") >= 2 && count(all, unreachable, "failed") >= 2);
      JsonObject failed500 = first(runs, broken, "failed");
      assertThat(failed500.getString("error")).isEqualTo("The source " + broken + " answered HTTP 500");
      assertThat(failed500.getString("trigger")).isEqualTo("schedule");
      assertThat(first(runs, unreachable, "failed").getString("error")).startsWith("The source " + unreachable + " could not be reached");
      assertThat(served.get()).isGreaterThanOrEqualTo(2);

      JsonObject lineage = eventually("the run's OpenLineage FAIL event", () -> {
        HttpResponse<String> run = mesh.get("/api/v1/lineage/runs/" + failed500.getString("id").substring(2), carlos);
        return run.statusCode() == 200 ? new JsonObject(run.body()) : new JsonObject();
      }, run -> "FAIL".equals(run.getString("state")));
      assertThat(lineage.getString("job")).contains(product + ".order-lines.ingest");
      detach(product);
    } finally {
      source.stop(0);
    }
  }

  @Test
  void aRestartedNodeRunsTheStoredSchedulesAgainWithTheirSealedCredentials() throws Exception {
    String product = register("orders-restarted", 2, "y");
    String password = "pw-" + UUID.randomUUID();
    String basic = "Basic " + Base64.getEncoder().encodeToString(("erp-reader:" + password).getBytes(StandardCharsets.UTF_8));
    AtomicInteger requests = new AtomicInteger();
    AtomicInteger unauthorized = new AtomicInteger();
    HttpServer source = serve("/orders.csv", exchange -> {
      if (!basic.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        unauthorized.incrementAndGet();
        answer(exchange, 401, "");
        return;
      }
      answer(exchange, 200, HEADER + "restart-" + requests.incrementAndGet() + ",1,,SKU-1,web,1,2026-11-03 08:00:00\n");
    });
    try {
      String url = "http://127.0.0.1:" + source.getAddress().getPort() + "/orders.csv";
      assertThat(mesh.putYaml("/api/v1/products/" + product + "/pipeline", olivia, """
          sources:
            - name: erp
              port: order-lines
              format: csv
              url: %s
              schedule: "*/2 * * * * *"
              credentials: {type: basic, username: erp-reader, password: "%s"}
          """.formatted(url, password)).statusCode()).isEqualTo(200);
      eventually("a scheduled run before the restart", () -> runs(product), all -> count(all, url, "committed") >= 1);

      mesh.restartNode();
      int before = requests.get();
      JsonArray after = eventually("a scheduled run of the restarted node", () -> runs(product), all -> count(all, url, "committed") >= 1);
      assertThat(requests.get()).isGreaterThan(before);
      assertThat(first(after, url, "committed").getString("trigger")).isEqualTo("schedule");
      assertThat(unauthorized.get()).as("the credentials, sealed with the home's key, open after the restart").isZero();
      assertThat(mesh.get("/api/v1/products/" + product + "/pipeline", olivia).body()).doesNotContain(password);
      assertThat(logText()).doesNotContain(password);
      detach(product);
    } finally {
      source.stop(0);
    }
  }

  @Test
  void theRetentionTimerRetiresBatchesOlderThanTheContractKeepsThemAndNothingElse() throws Exception {
    // the contract keeps a batch 6 seconds after its commit; retention looks every second
    String product = register("orders-retained", 6, "s");
    String kept = register("orders-kept", 2, "y");
    String batches = "/api/v1/products/" + product + "/ports/order-lines/batches";
    JsonObject keptBatch = upload(kept, "kept-1");
    JsonObject a = upload(product, "old-1");
    assertThat(rows(product, null).getJsonArray("items")).hasSize(1);

    JsonObject retired = eventually("batch A retired", () -> new JsonObject(mesh.get(batches + "/" + a.getString("id"), carlos).body()),
        b -> "retired".equals(b.getString("status")));
    assertThat(retired.getString("retiredAt")).isNotNull();
    JsonObject b = upload(product, "new-1");
    // B is fresh (kept 6 s): the latest snapshot reads it, and nothing of A; the batch list shows both
    JsonObject latest = rows(product, null);
    assertThat(latest.getJsonArray("items").stream().map(r -> ((JsonObject) r).getString("order_id"))).containsExactly("new-1");
    assertThat(latest.getJsonObject("snapshot").getLong("batches")).isEqualTo(1);
    JsonArray listed = new JsonObject(mesh.get(batches + "?limit=10", carlos).body()).getJsonArray("items");
    assertThat(listed.stream().map(x -> ((JsonObject) x).getString("id") + ":" + ((JsonObject) x).getString("status")))
        .containsExactly(b.getString("id") + ":committed", a.getString("id") + ":retired");
    JsonObject gone = assertProblem(mesh.get("/api/v1/products/" + product + "/ports/order-lines/rows?asOf=" + a.getString("id"), olivia), 410);
    assertThat(gone.getString("detail")).contains(a.getString("id"), "retired");
    assertProblem(mesh.postJson("/api/v1/query", olivia, new JsonObject()
        .put("sql", "SELECT count(*) AS n FROM orders.\"" + product + "\".\"order-lines\"").put("asOf", a.getString("id"))), 410);

    JsonArray events = new JsonObject(mesh.get("/api/v1/events?type=io.meshwork.batch.retired&limit=500", carlos).body()).getJsonArray("items");
    assertThat(events.stream().map(e -> ((JsonObject) e).getJsonObject("data"))
        .filter(d -> product.equals(d.getString("product"))).flatMap(d -> d.getJsonArray("batchIds").stream()))
        .contains(a.getString("id"));

    // B expires in turn: the port is empty, still readable
    eventually("batch B retired", () -> new JsonObject(mesh.get(batches + "/" + b.getString("id"), carlos).body()),
        x -> "retired".equals(x.getString("status")));
    JsonObject empty = rows(product, null);
    assertThat(empty.getJsonArray("items")).isEmpty();
    assertThat(empty.getJsonObject("snapshot").getLong("batches")).isZero();
    // a contract that keeps batches 2 years: untouched by the same timer
    assertThat(new JsonObject(mesh.get("/api/v1/products/" + kept + "/ports/order-lines/batches/" + keptBatch.getString("id"), carlos).body())
        .getString("status")).isEqualTo("committed");
    assertThat(rows(kept, null).getJsonArray("items")).hasSize(1);
  }

  /** A source on 127.0.0.1, on a free port, answering {@code path} with the handler. */
  private static HttpServer serve(String path, HttpHandler handler) throws java.io.IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(path, handler);
    server.start();
    return server;
  }

  private static void answer(HttpExchange exchange, int status, String body) throws java.io.IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static void detach(String product) throws Exception {
    HttpResponse<String> detached = mesh.call("DELETE", "/api/v1/products/" + product + "/pipeline", olivia, null, null);
    assertThat(detached.statusCode()).as(detached.body()).isEqualTo(204);
  }

  /** Registers a product of the orders domain with its own copy of the demo contract, keeping batches this long. */
  private static String register(String product, int retention, String unit) throws Exception {
    Path demo = DemoData.DIR;
    String contractId = product + "-lines-v1";
    String contract = Files.readString(demo.resolve("contracts/order-lines-v1.yaml"))
        .replace("id: order-lines-v1", "id: " + contractId)
        .replace("dataProduct: orders-daily", "dataProduct: " + product)
        .replace("  - property: retention\n    value: 2\n    unit: y", "  - property: retention\n    value: " + retention + "\n    unit: " + unit);
    assertThat(contract).contains("value: " + retention + "\n    unit: " + unit);
    HttpResponse<String> stored = mesh.putYaml("/api/v1/contracts/" + contractId, olivia, contract);
    assertThat(stored.statusCode()).as(stored.body()).isBetween(200, 201);
    String descriptor = Files.readString(demo.resolve("products/orders-daily.yaml"))
        .replace("id: orders-daily", "id: " + product)
        .replace("contractId: order-lines-v1", "contractId: " + contractId);
    HttpResponse<String> registered = mesh.putYaml("/api/v1/products/" + product, olivia, descriptor);
    assertThat(registered.statusCode()).as(registered.body()).isBetween(200, 201);
    return product;
  }

  private static JsonObject upload(String product, String orderId) throws Exception {
    HttpResponse<String> response = mesh.call("POST", "/api/v1/products/" + product + "/ports/order-lines/batches", olivia, "text/csv",
        HEADER + orderId + ",1,,SKU-1,web,1,2026-11-03 08:00:00\n");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return new JsonObject(response.body());
  }

  private static JsonObject rows(String product, String asOf) throws Exception {
    HttpResponse<String> response = mesh.get("/api/v1/products/" + product + "/ports/order-lines/rows?fields=order_id"
        + (asOf == null ? "" : "&asOf=" + asOf), olivia);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new JsonObject(response.body());
  }

  private static JsonArray runs(String product) throws Exception {
    HttpResponse<String> response = mesh.get("/api/v1/products/" + product + "/pipeline/runs", olivia);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new JsonObject(response.body()).getJsonArray("items");
  }

  private static long count(JsonArray runs, String source, String status) {
    return of(runs, source, status).count();
  }

  private static JsonObject first(JsonArray runs, String source, String status) {
    return of(runs, source, status).findFirst().orElseThrow();
  }

  private static Stream<JsonObject> of(JsonArray runs, String source, String status) {
    return runs.stream().map(JsonObject.class::cast).filter(r -> source.equals(r.getString("source")) && status.equals(r.getString("status")));
  }

  /** The request count once no pull is in flight any more (the count stays put for a second). */
  private static int settle(AtomicInteger requests) throws InterruptedException {
    int seen = requests.get();
    long stableSince = System.currentTimeMillis();
    while (System.currentTimeMillis() - stableSince < 1_000) {
      Thread.sleep(100);
      if (requests.get() != seen) {
        seen = requests.get();
        stableSince = System.currentTimeMillis();
      }
    }
    return seen;
  }

  /** Polls until the condition holds (or fails with the last value seen after {@link #PATIENCE}). */
  private static <T> T eventually(String what, Callable<T> probe, Predicate<T> done) throws Exception {
    return Eventually.until(what, PATIENCE, probe, done);
  }

  private static String logText() {
    return String.join("\n", LOG_LINES);
  }
}
