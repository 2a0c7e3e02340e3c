package io.meshwork.node;

import static io.meshwork.node.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwork.catalog.webhook.Signature;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The catalog's CloudEvents on the running node: in the feed, and delivered to a webhook receiver
 * — a real HTTP server — signed with HMAC-SHA256, retried with backoff after a failure, and listed
 * in the subscription's delivery log.
 */
class WebhooksIT {

  private static final String SECRET = "it-secret-" + UUID.randomUUID();
  private static TestMesh mesh;
  private static Vertx vertx;
  private static HttpServer receiver;
  private static final List<Received> received = new CopyOnWriteArrayList<>();
  private static final AtomicInteger calls = new AtomicInteger();
  private static String olivia;
  private static String carlos;

  private record Received(Map<String, String> headers, String body, int answered) {}

  @BeforeAll
  static void start() throws Exception {
    mesh = TestMesh.start("webhooks-it");
    olivia = mesh.token("olivia");
    carlos = mesh.token("carlos");
    vertx = Vertx.vertx();
    // answers 500 to the first delivery, 200 to every later one
    receiver = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      int status = calls.incrementAndGet() == 1 ? 500 : 200;
      Map<String, String> headers = new java.util.HashMap<>();
      request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
      received.add(new Received(headers, body.toString(StandardCharsets.UTF_8), status));
      request.response().setStatusCode(status).end();
    })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    if (mesh != null) {
      mesh.close();
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aSignedDeliveryIsRetriedAfterA500AndLogged() throws Exception {
    HttpResponse<String> created = mesh.postJson("/api/v1/webhooks", olivia, new JsonObject()
        .put("url", "http://127.0.0.1:" + receiver.actualPort() + "/hooks/meshwork")
        .put("types", new JsonArray().add("io.meshwork.dataproduct.*"))
        .put("secret", SECRET));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonObject subscription = new JsonObject(created.body());
    String id = subscription.getString("id");
    assertThat(subscription.getString("secret")).isEqualTo(SECRET);
    assertThat(mesh.get("/api/v1/webhooks/" + id, olivia).body()).doesNotContain(SECRET);

    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String productId = "hooked-" + suffix;
    assertThat(mesh.putYaml("/api/v1/contracts/hooked-v1-" + suffix, olivia, contract("hooked-v1-" + suffix, "1.0.0", "confidential"))
        .statusCode()).isEqualTo(201);
    assertThat(mesh.putYaml("/api/v1/products/" + productId, olivia, product(productId, "hooked-v1-" + suffix)).statusCode()).isEqualTo(201);

    long deadline = System.currentTimeMillis() + 20_000;
    while (received.size() < 2 && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    assertThat(received).hasSize(2);
    for (Received delivery : received) {
      JsonObject event = new JsonObject(delivery.body());
      assertThat(event.getString("specversion")).isEqualTo("1.0");
      assertThat(event.getString("type")).isEqualTo("io.meshwork.dataproduct.registered");
      assertThat(event.getString("subject")).isEqualTo(productId);
      assertThat(event.getJsonObject("data").getString("domain")).isEqualTo("orders");
      assertThat(delivery.headers().get("content-type")).isEqualTo("application/cloudevents+json");
      String signature = delivery.headers().get("meshwork-signature");
      assertThat(signature).matches("t=\\d+,v1=[0-9a-f]{64}");
      long t = Long.parseLong(signature.substring(2, signature.indexOf(',')));
      String v1 = signature.substring(signature.indexOf("v1=") + 3);
      assertThat(v1).isEqualTo(Signature.hmac(SECRET, t, delivery.body().getBytes(StandardCharsets.UTF_8)));
      assertThat(Signature.hmac("another secret....", t, delivery.body().getBytes(StandardCharsets.UTF_8))).isNotEqualTo(v1);
    }
    assertThat(received.get(0).headers().get("meshwork-delivery")).isEqualTo(received.get(1).headers().get("meshwork-delivery"));

    JsonObject log = awaitDelivered(id);
    JsonObject delivery = log.getJsonArray("items").getJsonObject(0);
    assertThat(delivery.getString("status")).isEqualTo("delivered");
    assertThat(delivery.getString("eventType")).isEqualTo("io.meshwork.dataproduct.registered");
    assertThat(delivery.getJsonArray("attempts").stream().map(a -> ((JsonObject) a).getInteger("statusCode"))).containsExactly(500, 200);

    assertProblem(mesh.get("/api/v1/webhooks/" + id + "/deliveries", carlos), 404);
    assertThat(new JsonObject(mesh.get("/api/v1/webhooks", carlos).body()).getJsonArray("items")).isEmpty();
    assertThat(mesh.call("DELETE", "/api/v1/webhooks/" + id, olivia, null, null).statusCode()).isEqualTo(204);
    assertProblem(mesh.get("/api/v1/webhooks/" + id, olivia), 404);
  }

  @Test
  void catalogEventsAreInTheFeedIncludingARejectedBreakingChange() throws Exception {
    String id = "feed-v1-" + UUID.randomUUID().toString().substring(0, 8);
    String after = new JsonObject(mesh.get("/api/v1/events?type=io.meshwork.contract&limit=500", carlos).body()).getString("next");
    assertThat(mesh.putYaml("/api/v1/contracts/" + id, olivia, contract(id, "1.0.0", "confidential")).statusCode()).isEqualTo(201);
    assertProblem(mesh.putYaml("/api/v1/contracts/" + id, olivia, contract(id, "1.1.0", "public")), 409);

    JsonArray events = new JsonObject(mesh.get("/api/v1/events?type=io.meshwork.contract&after=" + after, carlos).body()).getJsonArray("items");
    List<JsonObject> mine = events.stream().map(e -> (JsonObject) e).filter(e -> id.equals(e.getString("subject"))).toList();
    assertThat(mine).extracting(e -> e.getString("type"))
        .containsExactly("io.meshwork.contract.published", "io.meshwork.contract.breaking-change-rejected");
    JsonObject rejected = mine.get(1).getJsonObject("data");
    assertThat(rejected.getString("proposedVersion")).isEqualTo("1.1.0");
    assertThat(rejected.getJsonArray("breakingChanges").getJsonObject(0).getString("description")).contains("lowered");
    assertThat(mine.get(0).getString("source")).isEqualTo("/meshwork/catalog");
  }

  @Test
  void onlyHttpUrlsAndKnownShapesAreAccepted() throws Exception {
    JsonObject bad = assertProblem(mesh.postJson("/api/v1/webhooks", carlos, new JsonObject()
        .put("url", "file:///etc/passwd").put("types", new JsonArray()).put("secret", "short").put("colour", "blue")), 400);
    assertThat(bad.getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("pointer")))
        .containsExactlyInAnyOrder("/url", "/types", "/secret", "/colour");
    assertProblem(mesh.postJson("/api/v1/webhooks", carlos, new JsonObject()
        .put("url", "http://user:pw@127.0.0.1/x").put("types", new JsonArray().add("*"))), 400);
    HttpResponse<String> generated = mesh.postJson("/api/v1/webhooks", carlos, new JsonObject()
        .put("url", "https://hooks.example.com/meshwork").put("types", new JsonArray().add("*")));
    assertThat(generated.statusCode()).isEqualTo(201);
    assertThat(new JsonObject(generated.body()).getString("secret")).startsWith("whsec_");
    assertThat(mesh.call("DELETE", "/api/v1/webhooks/" + new JsonObject(generated.body()).getString("id"), carlos, null, null).statusCode())
        .isEqualTo(204);
  }

  private static JsonObject awaitDelivered(String id) throws Exception {
    long deadline = System.currentTimeMillis() + 10_000;
    while (true) {
      JsonObject log = new JsonObject(mesh.get("/api/v1/webhooks/" + id + "/deliveries", olivia).body());
      JsonArray items = log.getJsonArray("items");
      if ((!items.isEmpty() && "delivered".equals(items.getJsonObject(0).getString("status"))) || System.currentTimeMillis() > deadline) {
        return log;
      }
      Thread.sleep(100);
    }
  }

  private static String contract(String id, String version, String classification) {
    return """
        apiVersion: v3.1.0
        kind: DataContract
        id: %s
        version: %s
        status: active
        domain: orders
        schema:
          - name: rows
            properties:
              - name: email
                logicalType: string
                classification: %s
        """.formatted(id, version, classification);
  }

  private static String product(String id, String contractId) {
    return """
        apiVersion: v1.0.0
        kind: DataProduct
        id: %s
        status: draft
        domain: orders
        outputPorts:
          - name: rows
            type: tables
            version: 1.0.0
            contractId: %s
        """.formatted(id, contractId);
  }
}
