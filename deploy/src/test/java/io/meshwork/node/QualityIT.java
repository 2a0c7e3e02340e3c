package io.meshwork.node;

import static io.meshwork.node.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Quality through the node: the contract's rules judge every uploaded batch before it becomes
 * visible; a batch failing an error-severity rule is quarantined with its results and never
 * enters the snapshot; rules with a schedule judge the snapshot on the node without any batch;
 * results are kept with history, scored, benchmarked and announced.
 */
class QualityIT {

  private static TestMesh mesh;
  private static String olivia;
  private static String carlos;
  private static String productId;

  @BeforeAll
  static void startMesh() throws Exception {
    mesh = TestMesh.start("quality-it");
    olivia = mesh.token("olivia");
    carlos = mesh.token("carlos");
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String contractId = "it-quality-lines-" + suffix;
    productId = "orders-quality-" + suffix;
    HttpResponse<String> contract = mesh.putYaml("/api/v1/contracts/" + contractId, olivia, """
        apiVersion: v3.1.0
        kind: DataContract
        id: %s
        name: Order lines with quality rules
        version: 1.0.0
        status: active
        domain: orders
        slaProperties:
          - property: latency
            value: 1
            unit: d
        schema:
          - name: lines
            logicalType: object
            quality:
              - metric: rowCount
                mustBeGreaterThan: 0
              - type: sql
                query: SELECT count(*) FROM {object} WHERE amount > 1000
                mustBe: 0
                severity: warning
                name: no-huge-lines
            properties:
              - name: order_id
                logicalType: string
                required: true
                quality:
                  - metric: duplicateValues
                    mustBe: 0
                    name: order-ids-unique
              - name: amount
                logicalType: number
              - name: customer_email
                logicalType: string
                quality:
                  - metric: nullValues
                    mustBeLessThan: 50
                    unit: percent
                    name: emails-mostly-present
        """.formatted(contractId));
    assertThat(contract.statusCode()).as(contract.body()).isIn(200, 201);
    registerProduct(productId, "lines", contractId);
  }

  /** An active orders product with one output port under the contract. */
  private static void registerProduct(String id, String port, String contractId) throws Exception {
    HttpResponse<String> product = mesh.putYaml("/api/v1/products/" + id, olivia, """
        apiVersion: v1.0.0
        kind: DataProduct
        id: %s
        name: Orders with quality rules (%s)
        status: active
        domain: orders
        team:
          name: Orders team
        outputPorts:
          - name: %s
            type: tables
            version: 1.0.0
            contractId: %s
        """.formatted(id, port, port, contractId));
    assertThat(product.statusCode()).as(product.body()).isIn(200, 201);
  }

  @AfterAll
  static void stopMesh() {
    if (mesh != null) {
      mesh.close();
    }
  }

  @Test
  void aBatchFailingAnErrorRuleStaysOutOfTheSnapshotAndTheHistoryShowsWhy() throws Exception {
    JsonObject good = upload("order_id,amount,customer_email\no-1,10.5,a@x.io\no-2,20,b@x.io\no-3,30,\no-4,2000,d@x.io\n");
    assertThat(good.getString("status")).isEqualTo("committed");
    assertThat(good.getJsonObject("quality").getBoolean("blocking")).isFalse();
    assertThat(results(good.getJsonObject("quality"))).containsEntry("no-huge-lines", "failed").containsEntry("emails-mostly-present", "passed");

    JsonObject bad = upload("order_id,amount,customer_email\no-5,10,\no-6,20,\no-6,30,c@x.io\n");
    assertThat(bad.getString("status")).isEqualTo("quarantined");
    assertThat(bad.getLong("rowsValid")).isZero();
    assertThat(bad.getJsonArray("quarantineReasons").encode()).contains("quality: emails-mostly-present", "quality: order-ids-unique");
    assertThat(results(bad.getJsonObject("quality"))).containsEntry("emails-mostly-present", "failed").containsEntry("order-ids-unique", "failed");
    HttpResponse<String> stored = mesh.get("/api/v1/products/" + productId + "/ports/lines/batches/" + bad.getString("id"), olivia);
    assertThat(new JsonObject(stored.body()).getJsonObject("quality").getBoolean("blocking")).isTrue();

    // both batches' results reach the history (recorded from the batch events), the later one as the latest
    awaitHistory(2);
    JsonObject quality = eventually(() -> new JsonObject(mesh.get("/api/v1/products/" + productId + "/quality", carlos).body()),
        q -> bad.getString("id").equals(q.getJsonArray("latest").getJsonObject(0).getString("batchId")));
    JsonObject latest = quality.getJsonArray("latest").getJsonObject(0);
    assertThat(latest.getString("batchId")).isEqualTo(bad.getString("id"));
    assertThat(latest.getBoolean("blocking")).isTrue();
    assertThat(latest.getJsonArray("results")).isNotEmpty();
    assertThat(quality.getJsonObject("history").getJsonArray("items").getJsonObject(1).getString("batchId")).isEqualTo(good.getString("id"));
    assertThat(quality.getJsonObject("dimensions").getDouble("freshness")).isEqualTo(100.0);
    assertThat(quality.getDouble("score")).isBetween(0.0, 100.0);

    JsonArray failed = awaitEvents("io.meshwork.quality.failed");
    assertThat(failed.stream().map(e -> ((JsonObject) e).getJsonObject("data")))
        .anySatisfy(data -> {
          assertThat(data.getString("batchId")).isEqualTo(bad.getString("id"));
          assertThat(data.getJsonArray("failedRules").getList()).contains("emails-mostly-present", "order-ids-unique");
        });

    // on demand, over the snapshot: only the committed batch's four rows
    assertProblem(mesh.postJson("/api/v1/products/" + productId + "/quality/runs", carlos, new JsonObject()), 403);
    HttpResponse<String> ran = mesh.postJson("/api/v1/products/" + productId + "/quality/runs", olivia, new JsonObject().put("port", "lines"));
    assertThat(ran.statusCode()).as(ran.body()).isEqualTo(201);
    JsonObject run = new JsonObject(ran.body()).getJsonArray("items").getJsonObject(0);
    assertThat(run.getString("trigger")).isEqualTo("manual");
    assertThat(run.getLong("rows")).isEqualTo(4);
    assertThat(run.getBoolean("blocking")).isFalse();
    assertThat(awaitHistory(3).getJsonObject("history").getLong("total")).isEqualTo(3);

    JsonObject benchmarks = new JsonObject(mesh.get("/api/v1/quality/benchmarks?domain=orders", carlos).body());
    assertThat(benchmarks.getJsonArray("products").stream().map(p -> ((JsonObject) p).getString("productId"))).contains(productId);
    assertThat(benchmarks.getJsonObject("mesh").getInteger("products")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void qualityOfAnUnknownProductIsNotFoundAndBadPagingIsRejected() throws Exception {
    assertProblem(mesh.get("/api/v1/products/no-such-product/quality", carlos), 404);
    assertProblem(mesh.get("/api/v1/products/" + productId + "/quality?limit=0", carlos), 400);
    assertProblem(mesh.get("/api/v1/products/" + productId + "/quality", null), 401);
    assertProblem(mesh.postJson("/api/v1/products/" + productId + "/quality/runs", olivia, new JsonObject().put("port", 7)), 400);
    assertProblem(mesh.postJson("/api/v1/products/" + productId + "/quality/runs", olivia, new JsonObject().put("port", "nope")), 404);
  }

  @Test
  void rulesWithAScheduleJudgeTheSnapshotWithoutABatchAndOnlyOwnersSeeWhoUsesTheProduct() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String contractId = "it-quality-watch-" + suffix;
    String watched = "orders-watch-" + suffix;
    HttpResponse<String> contract = mesh.putYaml("/api/v1/contracts/" + contractId, olivia, """
        apiVersion: v3.1.0
        kind: DataContract
        id: %s
        name: Support tickets watched on a schedule
        version: 1.0.0
        status: active
        domain: orders
        schema:
          - name: tickets
            logicalType: object
            quality:
              - metric: rowCount
                mustBeGreaterThan: 0
                name: tickets-present
                scheduler: interval
                schedule: 1s
              - type: sql
                query: SELECT count(*) FROM {object} WHERE due_at < now()
                mustBe: 0
                name: nothing-overdue
                scheduler: interval
                schedule: 1s
              - metric: duplicateValues
                arguments: {properties: [ticket_id]}
                mustBe: 0
                name: tickets-unique
                scheduler: cron
                schedule: every morning
            properties:
              - name: ticket_id
                logicalType: string
              - name: due_at
                logicalType: timestamp
              - name: customer
                logicalType: object
                properties:
                  - name: email
                    logicalType: string
                    quality:
                      - metric: nullValues
                        mustBeLessOrEqualTo: 1
                        name: customer-emails-present
        """.formatted(contractId));
    assertThat(contract.statusCode()).as(contract.body()).isIn(200, 201);
    registerProduct(watched, "tickets", contractId);

    // one ticket falls due a few seconds after the batch lands: the batch passes, the schedule later fails
    java.time.Instant now = java.time.Instant.now();
    String ndjson = new JsonObject().put("ticket_id", "t-1").put("due_at", now.plusSeconds(6).toString())
        .put("customer", new JsonObject().put("email", "a@x.io")).encode() + "\n"
        + new JsonObject().put("ticket_id", "t-2").put("due_at", now.plusSeconds(3600).toString())
        .put("customer", new JsonObject().putNull("email")).encode() + "\n";
    HttpResponse<String> uploaded = mesh.call("POST", "/api/v1/products/" + watched + "/ports/tickets/batches", olivia, "application/x-ndjson", ndjson);
    assertThat(uploaded.statusCode()).as(uploaded.body()).isIn(200, 201);
    JsonObject batch = new JsonObject(uploaded.body());
    assertThat(batch.getString("status")).as(batch.encodePrettily()).isEqualTo("committed");
    JsonObject nested = batch.getJsonObject("quality").getJsonArray("results").stream().map(r -> (JsonObject) r)
        .filter(r -> r.getString("rule").equals("customer-emails-present")).findFirst().orElseThrow();
    assertThat(nested.getString("status")).as("a rule of the nested customer.email, judged with the batch").isEqualTo("passed");
    assertThat(nested.getDouble("value")).isEqualTo(1.0);

    // (a scheduled run may also have caught the port while the batch was still being written: an empty snapshot)
    java.util.function.Predicate<Object> overTheBatch = r -> "schedule".equals(((JsonObject) r).getString("trigger")) && ((JsonObject) r).getLong("rows") == 2;
    JsonObject scheduled = eventually(() -> new JsonObject(mesh.get("/api/v1/products/" + watched + "/quality", carlos).body()),
        q -> q.getJsonObject("history").getJsonArray("items").stream().anyMatch(overTheBatch));
    JsonObject run = (JsonObject) scheduled.getJsonObject("history").getJsonArray("items").stream().filter(overTheBatch).findFirst().orElseThrow();
    assertThat(run.containsKey("batchId")).isFalse();
    // what is scheduled, and why a schedule is not
    assertThat(scheduled.getJsonArray("schedules").stream().map(e -> ((JsonObject) e).getString("rule") + ": "
        + ((JsonObject) e).getString("schedule", ((JsonObject) e).getString("problem"))))
        .hasSize(3).startsWith("tickets-present: interval 1s", "nothing-overdue: interval 1s")
        .last().asString().startsWith("tickets-unique: the cron schedule 'every morning' cannot be read: ");

    JsonObject failed = eventually(() -> new JsonObject(mesh.get("/api/v1/events?type=io.meshwork.quality.failed", carlos).body())
            .getJsonArray("items").stream().map(e -> ((JsonObject) e).getJsonObject("data"))
            .filter(d -> watched.equals(d.getString("product")) && "schedule".equals(d.getString("trigger"))).findFirst().orElse(null),
        java.util.Objects::nonNull);
    assertThat(failed.getJsonArray("failedRules").getList()).containsExactly("nothing-overdue");
    assertThat(failed.containsKey("batchId")).isFalse();

    // on demand over the same snapshot: the domain's owner may, a consumer may not
    assertProblem(mesh.postJson("/api/v1/products/" + watched + "/quality/runs", carlos, new JsonObject()), 403);
    HttpResponse<String> manual = mesh.postJson("/api/v1/products/" + watched + "/quality/runs", olivia, new JsonObject());
    assertThat(manual.statusCode()).as(manual.body()).isEqualTo(201);
    JsonObject manualRun = new JsonObject(manual.body()).getJsonArray("items").getJsonObject(0);
    assertThat(manualRun.getString("trigger")).isEqualTo("manual");
    assertThat(manualRun.getBoolean("blocking")).isTrue();

    // usage of the product: counted for every signed-in user, consumers named for its domain's owners and admins only
    HttpResponse<String> read = mesh.get("/api/v1/products/" + watched + "/ports/tickets/rows?fields=ticket_id", olivia);
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    String usagePath = "/api/v1/products/" + watched + "/usage?interval=hour";
    JsonObject counted = eventually(() -> new JsonObject(mesh.get(usagePath, carlos).body()),
        u -> u.getJsonObject("totals").getLong("queries", 0L) >= 1);
    assertThat(counted.getJsonObject("totals").getInteger("consumers")).isEqualTo(1);
    assertThat(counted.containsKey("consumers")).as("a consumer does not see who reads it").isFalse();
    assertThat(new JsonObject(mesh.get(usagePath, mesh.token("sam")).body()).containsKey("consumers")).as("nor does an SRE").isFalse();
    for (String owner : new String[] {olivia, mesh.token("ada")}) {
      JsonArray consumers = new JsonObject(mesh.get(usagePath, owner).body()).getJsonArray("consumers");
      assertThat(consumers).hasSize(1);
      assertThat(consumers.getJsonObject(0).getString("username")).isEqualTo("olivia");
      assertThat(consumers.getJsonObject(0).getLong("queries")).isGreaterThanOrEqualTo(1);
    }
    // nor does the event feed name the reader to anyone but the domain's owners and admins
    for (String[] who : new String[][] {{carlos, null}, {olivia, "olivia"}}) {
      JsonObject served = new JsonObject(mesh.get("/api/v1/events?type=io.meshwork.query.served&limit=500", who[0]).body()).getJsonArray("items")
          .stream().map(e -> ((JsonObject) e).getJsonObject("data")).filter(d -> watched.equals(d.getString("product"))).findFirst().orElseThrow();
      assertThat(served.getString("username")).isEqualTo(who[1]);
      assertThat(served.containsKey("subject")).isEqualTo(who[1] != null);
    }
  }

  /** Polls until {@code done} holds (20 s at most), then returns the last value read. */
  private static <T> T eventually(java.util.concurrent.Callable<T> read, java.util.function.Predicate<T> done) throws Exception {
    return Eventually.until("the awaited answer", java.time.Duration.ofSeconds(20), read, done);
  }

  private static JsonObject upload(String csv) throws Exception {
    HttpResponse<String> response = mesh.call("POST", "/api/v1/products/" + productId + "/ports/lines/batches", olivia, "text/csv", csv);
    assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    return new JsonObject(response.body());
  }

  private static java.util.Map<String, String> results(JsonObject report) {
    java.util.Map<String, String> byRule = new java.util.HashMap<>();
    report.getJsonArray("results").forEach(r -> byRule.put(((JsonObject) r).getString("rule"), ((JsonObject) r).getString("status")));
    return byRule;
  }

  /** The event is appended after the run is recorded, so it may trail the history by a moment. */
  private static JsonArray awaitEvents(String type) throws Exception {
    long deadline = System.currentTimeMillis() + 15_000;
    while (true) {
      JsonArray items = new JsonObject(mesh.get("/api/v1/events?type=" + type, carlos).body()).getJsonArray("items");
      if (!items.isEmpty() || System.currentTimeMillis() > deadline) {
        return items;
      }
      Thread.sleep(200);
    }
  }

  private static JsonObject awaitHistory(int runs) throws Exception {
    long deadline = System.currentTimeMillis() + 15_000;
    while (true) {
      HttpResponse<String> response = mesh.get("/api/v1/products/" + productId + "/quality", carlos);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      JsonObject quality = new JsonObject(response.body());
      if (quality.getJsonObject("history").getLong("total") >= runs || System.currentTimeMillis() > deadline) {
        assertThat(quality.getJsonObject("history").getLong("total")).as(quality.encodePrettily()).isGreaterThanOrEqualTo(runs);
        return quality;
      }
      Thread.sleep(200);
    }
  }
}
