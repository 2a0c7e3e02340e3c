package io.meshwork.node;

import static io.meshwork.node.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ingestion end to end on a running node with real tokens: olivia (owner of the orders domain)
 * pushes CSV and NDJSON batches into the demo orders product, bad rows land in quarantine with
 * their reasons, a retried upload does not duplicate, carlos may not ingest, a pipeline pulls a
 * URL with credentials that are never shown, and runs report their progress.
 */
class IngestionIT {

  static final String BATCHES = "/api/v1/products/orders-daily/ports/order-lines/batches";
  static final String HEADER = "order_id,line_no,customer_email,sku,channel,amount_eur,ordered_at\n";
  private static TestMesh mesh;
  private static String olivia;
  private static String carlos;

  @BeforeAll
  static void startMesh() throws Exception {
    mesh = TestMesh.start("ingest-it");
    olivia = mesh.token("olivia");
    carlos = mesh.token("carlos");
    DemoData.registerOrdersDaily(mesh, olivia);
  }

  @AfterAll
  static void stopMesh() {
    if (mesh != null) {
      mesh.close();
    }
  }

  @Test
  void csvAndNdjsonBatchesCommitValidRowsAndQuarantineBadOnesWithTheirReasons() throws Exception {
    HttpResponse<String> csv = upload(olivia, "text/csv", null, HEADER
        + "it-1,1,ann@example.com,SKU-1,web,10.50,2026-11-01T10:00:00Z\n"
        + "it-1,2,,SKU-2,store,3,2026-11-01 11:00:00\n"
        + "it-2,x,bob@example.com,,web,abc,yesterday\n");
    assertThat(csv.statusCode()).as(csv.body()).isEqualTo(201);
    JsonObject report = new JsonObject(csv.body());
    assertThat(report.getString("status")).isEqualTo("committed");
    assertThat(report.getLong("rowsValid")).isEqualTo(2);
    assertThat(report.getLong("rowsQuarantined")).isEqualTo(1);
    assertThat(report.getJsonArray("quarantineReasons").stream().map(r -> ((JsonObject) r).getString("reason")).toList())
        .contains("line_no: not a valid INTEGER", "amount_eur: not a valid DECIMAL(12,2)", "ordered_at: not a valid TIMESTAMP");
    assertThat(csv.headers().firstValue("Location")).hasValue(BATCHES + "/" + report.getString("id"));

    HttpResponse<String> ndjson = upload(olivia, "application/x-ndjson", null, """
        {"order_id":"it-3","line_no":1,"sku":"SKU-3","channel":"web","amount_eur":7.25,"ordered_at":"2026-11-02T09:00:00Z"}
        {"order_id":"it-1","line_no":1,"sku":"SKU-1","channel":"web","amount_eur":10.5,"ordered_at":"2026-11-01T10:00:00Z"}
        """);
    assertThat(ndjson.statusCode()).as(ndjson.body()).isEqualTo(201);
    JsonObject second = new JsonObject(ndjson.body());
    assertThat(second.getLong("rowsValid")).isEqualTo(1);
    assertThat(second.getJsonArray("quarantineReasons").getJsonObject(0).getString("reason"))
        .isEqualTo("primary key (order_id, line_no) already in the snapshot");
    assertThat(second.getLong("seq")).isGreaterThan(report.getLong("seq"));

    JsonObject batch = new JsonObject(mesh.get(BATCHES + "/" + report.getString("id"), carlos).body());
    assertThat(batch.getString("format")).isEqualTo("csv");
    JsonObject run = new JsonObject(mesh.get("/api/v1/products/orders-daily/runs/" + second.getString("runId"), olivia).body());
    assertThat(run.getString("status")).isEqualTo("committed");
    assertThat(run.getLong("rows")).isEqualTo(2);

    JsonArray events = new JsonObject(mesh.get("/api/v1/events?type=io.meshwork.batch&limit=500", carlos).body()).getJsonArray("items");
    List<String> types = events.stream().map(e -> ((JsonObject) e).getString("type")).toList();
    assertThat(types).contains("io.meshwork.batch.ingested", "io.meshwork.batch.quarantined");
    assertThat(events.encode()).doesNotContain("ann@example.com");
  }

  @Test
  void malformedLinesAreQuarantinedWithTheirLineNumbersAndTheRestOfTheBatchIsIngested() throws Exception {
    HttpResponse<String> csv = upload(olivia, "text/csv", null, HEADER
        + "mal-1,1,,SKU-1,web,1,2026-11-01 10:00:00\n"
        + "mal-2,1,,SKU-1,web\n"
        + "mal-3,1,,SKU-1,web,1,2026-11-01 10:00:00,surplus\n"
        + "mal-4,1,,SKU-1,web,1,2026-11-01 10:00:00\n"
        + "mal-5,1,\"never closed,SKU-1,web,1,2026-11-01 10:00:00\n");
    assertThat(csv.statusCode()).as(csv.body()).isEqualTo(201);
    JsonObject report = new JsonObject(csv.body());
    assertThat(report.getString("status")).isEqualTo("committed");
    assertThat(report.getLong("rowsValid")).isEqualTo(2);
    assertThat(report.getLong("rowsQuarantined")).isEqualTo(3);
    assertThat(reasons(report)).contains("line 3: malformed CSV: fewer columns than the header",
        "line 4: malformed CSV: more columns than the header", "line 6: malformed CSV: unterminated or stray quote");

    HttpResponse<String> ndjson = upload(olivia, "application/x-ndjson", null, """
        {"order_id":"mal-6","line_no":1,"sku":"SKU-6","channel":"web","amount_eur":6,"ordered_at":"2026-11-02T09:00:00Z"}
        {"order_id":"mal-7","line_no":1,"sku":"SKU-7",
        {"order_id":"mal-8","line_no":"eight","sku":"SKU-8","channel":"web","amount_eur":8,"ordered_at":"2026-11-02T09:00:00Z"}
        {"order_id":"mal-9","line_no":1,"sku":"SKU-9","channel":"web","amount_eur":9,"ordered_at":"2026-11-02T09:00:00Z"}
        """);
    assertThat(ndjson.statusCode()).as(ndjson.body()).isEqualTo(201);
    JsonObject second = new JsonObject(ndjson.body());
    assertThat(second.getLong("rowsValid")).isEqualTo(2);
    assertThat(second.getLong("rowsQuarantined")).isEqualTo(2);
    assertThat(reasons(second)).containsExactlyInAnyOrder("line 2: not a JSON object (malformed JSON)", "line_no: not a valid INTEGER");

    // the valid rows of both batches are in the snapshot; nothing of the malformed lines is
    HttpResponse<String> read = mesh.postJson("/api/v1/query", olivia, new JsonObject()
        .put("sql", "SELECT order_id FROM orders.\"orders-daily\".\"order-lines\" WHERE order_id LIKE 'mal-%' ORDER BY order_id")
        .put("purpose", "analytics"));
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    assertThat(read.body()).contains("mal-1", "mal-4", "mal-6", "mal-9").doesNotContain("mal-2", "mal-3", "mal-5", "mal-7", "mal-8");
  }

  private static List<String> reasons(JsonObject report) {
    return report.getJsonArray("quarantineReasons").stream().map(r -> ((JsonObject) r).getString("reason")).toList();
  }

  @Test
  void aRetriedUploadWithTheSameIdempotencyKeyReturnsTheFirstBatch() throws Exception {
    String key = "retry-" + UUID.randomUUID();
    String body = HEADER + "idem-1,1,,SKU-1,web,1,2026-11-01 10:00:00\n";
    HttpResponse<String> first = upload(olivia, "text/csv", key, body);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    HttpResponse<String> again = upload(olivia, "text/csv", key, body);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(new JsonObject(again.body()).getString("id")).isEqualTo(new JsonObject(first.body()).getString("id"));
    JsonArray all = new JsonObject(mesh.get(BATCHES + "?limit=500", olivia).body()).getJsonArray("items");
    assertThat(all.stream().filter(b -> ((JsonObject) b).getString("id").equals(new JsonObject(first.body()).getString("id")))).hasSize(1);
  }

  @Test
  void onlyTheDomainsOwnersMayIngestAndBadRequestsAreProblems() throws Exception {
    assertProblem(upload(carlos, "text/csv", null, HEADER + "x,1,,S,web,1,2026-11-01\n"), 403);
    assertProblem(upload(olivia, "text/plain", null, "hello"), 415);
    assertProblem(mesh.call("POST", BATCHES + "?format=xml", olivia, "text/csv", "a"), 400);
    // a file that is not its format at all is refused whole, with a problem saying why
    assertProblem(upload(olivia, "application/x-ndjson", null, "{\"order_id\": \"x\"\nnot json\n"), 422);
    assertProblem(upload(olivia, "application/json", null, "[{\"order_id\": \"x\", \"line_no\": 1}, {\"order_id\": "), 422);
    assertProblem(upload(olivia, "application/vnd.apache.parquet", null, HEADER + "x,1,,S,web,1,2026-11-01\n"), 422);
    assertProblem(upload(olivia, "text/csv", null, "\u0000\u0001binary\n\u0002"), 422);
    assertProblem(mesh.call("POST", "/api/v1/products/orders-daily/ports/nope/batches", olivia, "text/csv", HEADER), 404);
    assertProblem(mesh.call("POST", BATCHES, null, "text/csv", HEADER), 401);
  }

  @Test
  void aPipelinePullsAUrlWithItsCredentialsWhichAreNeverShown() throws Exception {
    String token = "pull-token-" + UUID.randomUUID();
    AtomicInteger authorized = new AtomicInteger();
    HttpServer source = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    source.createContext("/orders.csv", exchange -> {
      boolean ok = ("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"));
      byte[] body = ok ? (HEADER + "pull-1,1,,SKU-1,web,1,2026-11-03 08:00:00\npull-1,2,,SKU-2,web,2,2026-11-03 08:00:00\n")
          .getBytes(StandardCharsets.UTF_8) : new byte[0];
      if (ok) {
        authorized.incrementAndGet();
      }
      exchange.sendResponseHeaders(ok ? 200 : 401, ok ? body.length : -1);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    source.start();
    try {
      String url = "http://127.0.0.1:" + source.getAddress().getPort() + "/orders.csv";
      String spec = """
          sources:
            - name: erp
              port: order-lines
              format: csv
              url: %s
              schedule: "0 2 * * *"
              credentials: {type: bearer, token: %s}
          """.formatted(url, token);
      assertProblem(mesh.putYaml("/api/v1/products/orders-daily/pipeline", carlos, spec), 403);
      assertProblem(mesh.putYaml("/api/v1/products/orders-daily/pipeline", olivia, spec.replace("port: order-lines", "port: nope")), 400);
      HttpResponse<String> put = mesh.putYaml("/api/v1/products/orders-daily/pipeline", olivia, spec);
      assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
      assertThat(put.body()).doesNotContain(token).contains("\"credentials\":\"set\"");
      HttpResponse<String> shown = mesh.get("/api/v1/products/orders-daily/pipeline", olivia);
      assertThat(shown.body()).doesNotContain(token).contains("\"credentials\":\"set\"").contains("0 2 * * *");
      // what a GET shows can be PUT back: the stored credentials are kept
      HttpResponse<String> putBack = mesh.call("PUT", "/api/v1/products/orders-daily/pipeline", olivia, "application/json", shown.body()
          .replaceAll(",\"updatedAt\":\"[^\"]*\"", "").replaceAll(",\"updatedBy\":\"[^\"]*\"", "").replaceAll(",\"product\":\"[^\"]*\"", ""));
      assertThat(putBack.statusCode()).as(putBack.body()).isEqualTo(200);

      HttpResponse<String> started = mesh.postJson("/api/v1/products/orders-daily/runs", olivia, new JsonObject().put("source", "erp"));
      assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
      String location = started.headers().firstValue("Location").orElseThrow();
      JsonObject run = waitForRun(location);
      assertThat(run.getString("status")).as(run.encode()).isEqualTo("committed");
      assertThat(run.getJsonObject("batch").getLong("rowsValid")).isEqualTo(2);
      assertThat(run.getJsonObject("batch").getString("source")).isEqualTo(url);
      assertThat(authorized.get()).isEqualTo(1);
      assertProblem(mesh.postJson("/api/v1/products/orders-daily/runs", olivia, new JsonObject().put("source", "nope")), 400);
    } finally {
      source.stop(0);
    }
  }

  @Test
  void aLargeRunShowsItsRowsGrowingWhileDuckDbLoadsThem() throws Exception {
    int total = 2_000_000;
    HttpServer source = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    source.createContext("/big.csv", exchange -> {
      // generated and streamed as it is sent: never a file, never whole in memory
      exchange.sendResponseHeaders(200, 0);
      try (var out = new java.io.BufferedOutputStream(exchange.getResponseBody(), 1 << 16)) {
        out.write(HEADER.getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < total; i++) {
          out.write(("big-" + i + ",1,,SKU-" + (i % 500) + "," + (i % 3 == 0 ? "store" : "web") + "," + (i % 997) + ".25,2026-11-04 08:00:00\n")
              .getBytes(StandardCharsets.UTF_8));
        }
      }
      exchange.close();
    });
    source.start();
    try {
      String spec = """
          sources:
            - name: bulk
              port: order-lines
              format: csv
              url: http://127.0.0.1:%d/big.csv
          """.formatted(source.getAddress().getPort());
      HttpResponse<String> put = mesh.putYaml("/api/v1/products/orders-daily/pipeline", olivia, spec);
      assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
      HttpResponse<String> started = mesh.postJson("/api/v1/products/orders-daily/runs", olivia, new JsonObject().put("source", "bulk"));
      assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
      String location = started.headers().firstValue("Location").orElseThrow();
      List<JsonObject> whileLoading = new java.util.ArrayList<>();
      JsonObject run;
      long deadline = System.currentTimeMillis() + 300_000;
      do {
        run = new JsonObject(mesh.get(location, olivia).body());
        if ("running".equals(run.getString("status")) && "loading".equals(run.getString("phase"))) {
          whileLoading.add(run);
        }
        Thread.sleep(50);
      } while ("running".equals(run.getString("status")) && System.currentTimeMillis() < deadline);
      assertThat(run.getString("status")).as(run.encode()).isEqualTo("committed");
      assertThat(run.getLong("rows")).isEqualTo(total);
      assertThat(run.getJsonObject("batch").getLong("rowsValid")).isEqualTo(total);
      // seen part-way: some rows and a rate, not yet all of them
      assertThat(whileLoading).as("observations while loading").anySatisfy(seen -> {
        assertThat(seen.getLong("rows")).isBetween(1L, total - 1L);
        assertThat(seen.getLong("rowsPerSecond")).isPositive();
      });
    } finally {
      source.stop(0);
    }
  }

  private JsonObject waitForRun(String location) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (true) {
      JsonObject run = new JsonObject(mesh.get(location, olivia).body());
      if (!"running".equals(run.getString("status")) || System.currentTimeMillis() > deadline) {
        return run;
      }
      Thread.sleep(200);
    }
  }

  private static HttpResponse<String> upload(String token, String contentType, String key, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(mesh.uri(BATCHES)).header("Authorization", "Bearer " + token)
        .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return mesh.send(request.build());
  }

}
