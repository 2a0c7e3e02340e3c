package io.meshwork.node;

import static io.meshwork.node.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mesh-wide observability against real peers: Debian's Prometheus scrapes the node and answers
 * PromQL over Meshwork's series; the OpenTelemetry SDK's in-memory exporter (configured like any
 * exporter) receives one trace per request from the caller's traceparent through the node to
 * MongoDB, and across the event bus; SLO, usage and SRE telemetry APIs with their roles.
 */
class ObservabilityIT {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static TestMesh mesh;
  private static String ada;
  private static String sam;
  private static String carlos;

  @BeforeAll
  static void startMesh() throws Exception {
    // select the in-memory exporter through the standard configuration, for this node only
    System.setProperty("otel.traces.exporter", "memory");
    System.setProperty("otel.bsp.schedule.delay", "20");
    try {
      mesh = TestMesh.start("observability");
    } finally {
      System.clearProperty("otel.traces.exporter");
      System.clearProperty("otel.bsp.schedule.delay");
    }
    ada = mesh.token("ada");
    sam = mesh.token("sam");
    carlos = mesh.token("carlos");
    DemoData.registerOrdersDaily(mesh, ada);
  }

  @AfterAll
  static void stopMesh() {
    if (mesh != null) {
      mesh.close();
    }
  }

  @Test
  void prometheusScrapesTheNodeAndAnswersPromqlOverMeshworksSeries() throws Exception {
    Path binary = Path.of("/usr/bin/prometheus");
    assertThat(Files.isExecutable(binary)).as("Debian's prometheus package (apt-get install -y prometheus; .ci/run installs it)").isTrue();
    Path dir = Files.createTempDirectory("meshwork-prometheus");
    int port = freePort();
    Files.writeString(dir.resolve("prometheus.yml"), """
        global:
          scrape_interval: 1s
        scrape_configs:
          - job_name: meshwork
            metrics_path: /metrics
            static_configs:
              - targets: ['127.0.0.1:%d']
        """.formatted(mesh.node.port()));
    for (int i = 0; i < 5; i++) {
      mesh.get("/api/v1/slo", carlos);
    }
    Process prometheus = new ProcessBuilder(binary.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
        "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    try {
      JsonArray up;
      try {
        up = eventually(() -> promql(port, "up{job=\"meshwork\"} == 1"));
      } catch (AssertionError e) {
        throw new AssertionError(Files.readString(dir.resolve("prometheus.log")), e);
      }
      assertThat(up).hasSize(1);
      JsonArray requests;
      try {
        requests = eventually(() -> promql(port, "sum by (route, method, code) (vertx_http_server_requests_total{route=\"/api/v1/slo\"})"));
      } catch (AssertionError e) {
        throw new AssertionError(String.valueOf(promql(port, "vertx_http_server_requests_total")), e);
      }
      JsonObject series = requests.getJsonObject(0).getJsonObject("metric");
      assertThat(series.getString("method")).isEqualTo("GET");
      assertThat(series.getString("code")).as("status class, not the code").isEqualTo("2xx");
      assertThat(eventually(() -> promql(port, "histogram_quantile(0.95, sum by (le) (rate(vertx_http_server_response_time_seconds_bucket[1m])))")))
          .isNotEmpty();
      assertThat(eventually(() -> promql(port, "meshwork_slo_status{product=\"orders-daily\"}"))).hasSize(1);
      assertThat(eventually(() -> promql(port, "meshwork_eventloop_lag_seconds"))).hasSize(1);
      assertThat(eventually(() -> promql(port, "jvm_memory_used_bytes{area=\"heap\"}"))).isNotEmpty();
    } finally {
      prometheus.destroy();
      prometheus.waitFor();
    }
  }

  @Test
  void oneTraceSpansTheCallerTheNodeAndMongodb() throws Exception {
    // the portal sends W3C trace context with every node call (TraceContextInterceptor); so does this caller
    String traceId = HexFormat.of().formatHex(randomBytes(16));
    String parentSpanId = HexFormat.of().formatHex(randomBytes(8));
    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(mesh.uri("/api/v1/products/orders-daily"))
        .header("Authorization", "Bearer " + carlos)
        .header("traceparent", "00-" + traceId + "-" + parentSpanId + "-01").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);

    List<SpanData> trace = eventually(() -> {
      List<SpanData> spans = InMemorySpans.EXPORTER.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
      boolean complete = spans.stream().anyMatch(s -> s.getKind() == SpanKind.CLIENT) && spans.stream().anyMatch(s -> s.getKind() == SpanKind.SERVER);
      return complete ? spans : List.of();
    });
    String seen = describe(trace);
    SpanData server = trace.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow(() -> new AssertionError(seen));
    assertThat(server.getParentSpanId()).as("continues the caller's span").isEqualTo(parentSpanId);
    assertThat(server.getAttributes().asMap().entrySet().stream().filter(e -> e.getKey().getKey().equals("enduser.id"))
        .map(e -> e.getValue()).findFirst()).contains("carlos");
    SpanData storage = trace.stream().filter(s -> s.getKind() == SpanKind.CLIENT && s.getName().equals("find products")).findFirst()
        .orElseThrow(() -> new AssertionError(seen));
    assertThat(storage.getParentSpanId()).as("under the request").isEqualTo(server.getSpanId());
    Map<String, Object> attributes = storage.getAttributes().asMap().entrySet().stream()
        .collect(Collectors.toMap(e -> e.getKey().getKey(), Map.Entry::getValue));
    assertThat(attributes).containsEntry("db.system.name", "mongodb").containsEntry("db.collection.name", "products")
        .containsEntry("db.operation.name", "find");
    assertThat(attributes.values().toString()).as("no filter or document values").doesNotContain("orders-daily");
  }

  @Test
  void theTraceContinuesAcrossTheEventBus() throws Exception {
    String traceId = HexFormat.of().formatHex(randomBytes(16));
    String yaml = Files.readString(DemoData.DIR.resolve("products/orders-daily.yaml")).replace("name: Daily orders", "name: Daily orders (traced)");
    HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(mesh.uri("/api/v1/products/orders-daily"))
        .header("Authorization", "Bearer " + ada).header("Content-Type", "application/yaml")
        .header("traceparent", "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01")
        .PUT(HttpRequest.BodyPublishers.ofString(yaml)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).as(put.body()).isBetween(200, 201);
    // the catalog's event goes out on the event bus; monitoring receives it and re-reads its state in the same trace
    List<SpanData> trace = eventually(() -> {
      List<SpanData> spans = InMemorySpans.EXPORTER.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
      return spans.stream().anyMatch(s -> s.getName().equals("find slo_ports")) ? spans : List.of();
    });
    String seen = describe(trace);
    SpanData published = trace.stream().filter(s -> s.getKind() == SpanKind.CLIENT && s.getName().equals("publish")).findFirst()
        .orElseThrow(() -> new AssertionError(seen));
    assertThat(published.getAttributes().asMap().entrySet().stream().filter(e -> e.getKey().getKey().equals("messaging.destination.name"))
        .map(Map.Entry::getValue).findFirst()).contains("meshwork.events");
    List<String> deliveries = trace.stream().filter(s -> s.getParentSpanId().equals(published.getSpanId())).map(SpanData::getSpanId).toList();
    assertThat(deliveries).as(seen).isNotEmpty();
    SpanData monitoringRead = trace.stream().filter(s -> s.getName().equals("find slo_ports")).findFirst().orElseThrow();
    assertThat(deliveries).as("monitoring's read runs under the delivery of the event\n" + seen).contains(monitoringRead.getParentSpanId());
  }

  @Test
  void sloStatusIncidentsAndUsageForSignedInUsers() throws Exception {
    JsonObject product = eventually(() -> {
      JsonArray items = json(mesh.get("/api/v1/slo?domain=orders", carlos)).getJsonArray("items");
      return items.stream().map(JsonObject.class::cast).filter(p -> p.getString("product").equals("orders-daily")).findFirst().orElse(null);
    });
    assertThat(product.getString("status")).as("no batch yet; latency 1 d not yet due").isEqualTo("pending");
    JsonObject port = product.getJsonArray("ports").getJsonObject(0);
    assertThat(port.getString("port")).isEqualTo("order-lines");
    assertThat(port.getString("contract")).isEqualTo("order-lines-v1");
    assertThat(port.getJsonArray("objectives").stream().map(o -> ((JsonObject) o).getString("property")).toList())
        .containsExactly("latency", "retention");

    // other tests of this class may have breached products of their own; orders-daily is not among them
    assertThat(json(mesh.get("/api/v1/slo?status=breached&domain=orders", carlos)).getJsonArray("items").stream()
        .map(p -> ((JsonObject) p).getString("product"))).doesNotContain("orders-daily");
    assertThat(json(mesh.get("/api/v1/slo/incidents?product=orders-daily", carlos)).getJsonArray("items")).isEmpty();
    assertProblem(mesh.get("/api/v1/slo?status=sideways", carlos), 400);

    JsonObject usage = json(mesh.get("/api/v1/products/orders-daily/usage?interval=hour", carlos));
    assertThat(usage.getJsonObject("totals").getLong("queries")).isZero();
    assertProblem(mesh.get("/api/v1/products/no-such-product/usage", carlos), 404);
    assertProblem(mesh.get("/api/v1/products/orders-daily/usage?from=yesterday", carlos), 400);
    assertProblem(mesh.get("/api/v1/slo", null), 401);
  }

  @Test
  void aStaleProductBreachesItsSlaAndARealBatchResolvesTheIncident() throws Exception {
    // the demo orders contract, promising a batch every 2 s instead of every day
    String contract = Files.readString(DemoData.DIR.resolve("contracts/order-lines-v1.yaml"))
        .replace("id: order-lines-v1", "id: fast-lines-v1").replace("dataProduct: orders-daily", "dataProduct: fast-orders")
        .replace("  - property: latency\n    value: 1\n    unit: d", "  - property: latency\n    value: 2\n    unit: s");
    assertThat(contract).contains("unit: s");
    String product = Files.readString(DemoData.DIR.resolve("products/orders-daily.yaml"))
        .replace("id: orders-daily", "id: fast-orders").replace("contractId: order-lines-v1", "contractId: fast-lines-v1");
    assertThat(mesh.putYaml("/api/v1/contracts/fast-lines-v1", ada, contract).statusCode()).isBetween(200, 201);
    assertThat(mesh.putYaml("/api/v1/products/fast-orders", ada, product).statusCode()).isBetween(200, 201);
    Thread.sleep(2500);
    // any change of the product is judged at once (the timer would do it within a minute)
    HttpResponse<String> touched = mesh.putYaml("/api/v1/products/fast-orders", ada, product.replace("name: Daily orders", "name: Fast orders"));
    assertThat(touched.statusCode()).as(touched.body()).isBetween(200, 201);

    JsonObject incident = eventually(() -> json(mesh.get("/api/v1/slo/incidents?product=fast-orders&status=open", carlos))
        .getJsonArray("items").stream().map(JsonObject.class::cast).findFirst().orElse(null));
    assertThat(incident.getString("port")).isEqualTo("order-lines");
    assertThat(incident.getString("property")).isEqualTo("latency");
    assertThat(incident.getString("reason")).contains("no batch committed since monitoring began").contains("latency 2 s");
    // the status board is written right after the incident is opened
    assertThat(eventually(() -> {
      JsonArray breachedProducts = json(mesh.get("/api/v1/slo?status=breached", carlos)).getJsonArray("items");
      return breachedProducts.encode().contains("fast-orders") ? breachedProducts : null;
    }).encode()).contains("fast-orders");
    JsonObject breached = eventually(() -> json(mesh.get("/api/v1/events?type=io.meshwork.sla.breached", carlos)).getJsonArray("items")
        .stream().map(JsonObject.class::cast).findFirst().orElse(null));
    assertThat(breached.getString("subject")).isEqualTo("fast-orders");
    assertThat(breached.getJsonObject("data").getString("incidentId")).isEqualTo(incident.getString("id"));

    // a real batch through the data plane: the batch.ingested event resolves the incident
    HttpResponse<String> batch = mesh.call("POST", "/api/v1/products/fast-orders/ports/order-lines/batches", mesh.token("olivia"), "text/csv",
        "order_id,line_no,customer_email,sku,channel,amount_eur,ordered_at\nobs-1,1,ann@example.com,SKU-1,web,10.50,2026-11-01T10:00:00Z\n");
    assertThat(batch.statusCode()).as(batch.body()).isEqualTo(201);
    JsonObject resolved = eventually(() -> json(mesh.get("/api/v1/slo/incidents?product=fast-orders&status=resolved", carlos))
        .getJsonArray("items").stream().map(JsonObject.class::cast).findFirst().orElse(null));
    assertThat(resolved.getString("id")).isEqualTo(incident.getString("id"));
    assertThat(resolved.getString("resolution")).startsWith("last batch committed");
    JsonObject recovered = eventually(() -> json(mesh.get("/api/v1/events?type=io.meshwork.sla.recovered", carlos)).getJsonArray("items")
        .stream().map(JsonObject.class::cast).findFirst().orElse(null));
    assertThat(recovered.getJsonObject("data").getString("incidentId")).isEqualTo(incident.getString("id"));
    JsonObject port = json(mesh.get("/api/v1/slo?domain=orders", carlos)).getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(p -> p.getString("product").equals("fast-orders")).findFirst().orElseThrow().getJsonArray("ports").getJsonObject(0);
    assertThat(port.getJsonObject("lastBatch").getLong("rows")).isEqualTo(1);
    assertThat(port.getJsonObject("lastBatch").getString("id")).isEqualTo(new JsonObject(batch.body()).getString("id"));
  }

  @Test
  void telemetryIsForSresAndMeshAdmins() throws Exception {
    assertProblem(mesh.get("/api/v1/telemetry/health", carlos), 403);
    assertThat(mesh.get("/api/v1/telemetry/health", ada).statusCode()).isEqualTo(200);
    JsonObject health = json(mesh.get("/api/v1/telemetry/health", sam));
    assertThat(health.getString("status")).isEqualTo("up");
    assertThat(health.getJsonObject("current").getLong("heapUsedBytes")).isPositive();
    assertThat(health.getJsonObject("sampling").getLong("retentionHours")).isEqualTo(24);

    assertProblem(mesh.get("/api/v1/products/x/nowhere", carlos), 404);
    JsonArray errors = eventually(() -> {
      JsonArray items = json(mesh.get("/api/v1/telemetry/errors?status=4xx", sam)).getJsonArray("items");
      return items.stream().anyMatch(e -> ((JsonObject) e).getInteger("status") == 403) ? items : null;
    });
    JsonObject forbidden = errors.stream().map(JsonObject.class::cast).filter(e -> e.getInteger("status") == 403).findFirst().orElseThrow();
    assertThat(forbidden.getString("route")).as("the template, not the raw path").isEqualTo("/api/v1/telemetry/health");
    assertThat(forbidden.getString("traceId")).matches("[0-9a-f]{32}");
    String from = URLEncoder.encode(java.time.Instant.now().minus(Duration.ofDays(3)).toString(), StandardCharsets.UTF_8);
    assertProblem(mesh.get("/api/v1/telemetry/red?from=" + from, sam), 400);
    assertThat(json(mesh.get("/api/v1/telemetry/red?route=/api/v1/slo", sam)).containsKey("series")).isTrue();
  }

  private static String describe(List<SpanData> spans) {
    return spans.stream().map(s -> s.getKind() + " " + s.getName() + " " + s.getSpanId() + "<-" + s.getParentSpanId() + " " + s.getAttributes())
        .collect(Collectors.joining("\n"));
  }

  private static JsonArray promql(int port, String query) {
    try {
      HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="
          + URLEncoder.encode(query, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) {
        return null;
      }
      JsonArray result = new JsonObject(answer.body()).getJsonObject("data").getJsonArray("result");
      return result.isEmpty() ? null : result;
    } catch (IOException e) {
      return null; // not listening yet
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonObject json(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new JsonObject(response.body());
  }

  private static <T> T eventually(ThrowingSupplier<T> probe) throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    while (true) {
      T value = probe.get();
      if (value != null && !(value instanceof List<?> l && l.isEmpty())) {
        return value;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("not observed within 30 s");
      }
      Thread.sleep(200);
    }
  }

  private interface ThrowingSupplier<T> {
    T get() throws Exception;
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    ThreadLocalRandom.current().nextBytes(bytes);
    bytes[0] |= 1; // never all zeros (invalid in W3C trace context)
    return bytes;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
