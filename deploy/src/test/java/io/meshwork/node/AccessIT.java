package io.meshwork.node;

import static io.meshwork.node.ProblemAssert.assertProblem;
import static io.meshwork.node.ProblemAssert.pointers;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Access governance end to end with real Keycloak tokens: carlos requests, olivia approves with a
 * narrower column set, a row filter and a shorter duration, carlos's decisions carry exactly those
 * obligations, others are denied, revocation takes effect at once, and every step is audited.
 */
class AccessIT {

  private static TestMesh mesh;
  private static String olivia;
  private static String carlos;
  private static String sam;
  private static String ada;
  private static String productId;

  @BeforeAll
  static void startMesh() throws Exception {
    mesh = TestMesh.start("access-it");
    olivia = mesh.token("olivia");
    carlos = mesh.token("carlos");
    sam = mesh.token("sam");
    ada = mesh.token("ada");

    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String contractId = "it-lines-" + suffix;
    productId = "orders-access-" + suffix;
    HttpResponse<String> contract = mesh.putYaml("/api/v1/contracts/" + contractId, olivia, """
        apiVersion: v3.1.0
        kind: DataContract
        id: %s
        name: Order lines for access tests
        version: 1.0.0
        status: active
        domain: orders
        schema:
          - name: lines
            logicalType: object
            properties:
              - name: order_id
                logicalType: string
                description: The order.
              - name: region
                logicalType: string
                classification: internal
                description: Sales region.
              - name: amount
                logicalType: number
                description: Line amount in euros.
              - name: customer_email
                logicalType: string
                classification: restricted
                description: Who ordered.
              - name: ordered_on
                logicalType: date
                description: Day of the order.
        """.formatted(contractId));
    assertThat(contract.statusCode()).as(contract.body()).isIn(200, 201);
    HttpResponse<String> product = mesh.putYaml("/api/v1/products/" + productId, olivia, """
        apiVersion: v1.0.0
        kind: DataProduct
        id: %s
        name: Orders for access tests
        status: active
        domain: orders
        team:
          name: Orders team
        outputPorts:
          - name: lines
            type: tables
            version: 1.0.0
            contractId: %s
        """.formatted(productId, contractId));
    assertThat(product.statusCode()).as(product.body()).isIn(200, 201);
  }

  @AfterAll
  static void stopMesh() {
    if (mesh != null) {
      mesh.close();
    }
  }

  private static JsonObject decide(String token, String purpose) throws Exception {
    HttpResponse<String> response = mesh.postJson("/api/v1/access/decide", token,
        new JsonObject().put("productId", productId).put("port", "lines").put("purpose", purpose));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new JsonObject(response.body());
  }

  private static JsonObject request(String token, List<String> columns) throws Exception {
    HttpResponse<String> response = mesh.postJson("/api/v1/access-requests", token, new JsonObject()
        .put("productId", productId).put("port", "lines").put("purpose", "analytics")
        .put("justification", "weekly regional revenue report").put("durationDays", 30).put("columns", new JsonArray(columns)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return new JsonObject(response.body());
  }

  @Test
  void anApprovalIsTheEnforcedGrantUntilItIsRevoked() throws Exception {
    assertThat(decide(carlos, "analytics").getBoolean("allowed")).as("no grant yet").isFalse();

    JsonObject asked = request(carlos, List.of("order_id", "region", "amount", "customer_email"));
    String requestId = asked.getString("id");
    assertThat(asked.getString("status")).isEqualTo("pending");
    assertThat(ids(mesh.get("/api/v1/access-requests?view=mine", carlos))).contains(requestId);
    assertThat(ids(mesh.get("/api/v1/access-requests?view=to-approve", olivia))).contains(requestId);
    assertThat(ids(mesh.get("/api/v1/access-requests?view=to-approve", carlos))).doesNotContain(requestId);
    assertThat(mesh.postJson("/api/v1/access-requests/" + requestId + "/approve", carlos, new JsonObject()).statusCode()).isEqualTo(403);

    HttpResponse<String> approved = mesh.postJson("/api/v1/access-requests/" + requestId + "/approve", olivia, new JsonObject()
        .put("columns", new JsonArray(List.of("order_id", "region", "customer_email")))
        .put("rowFilter", "region in ('EU', 'UK')")
        .put("durationDays", 7));
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    String grantId = new JsonObject(approved.body()).getString("grantId");

    JsonObject allowed = decide(carlos, "analytics");
    assertThat(allowed.getBoolean("allowed")).as(allowed.encode()).isTrue();
    assertThat(allowed.getString("grantId")).isEqualTo(grantId);
    assertThat(allowed.getJsonArray("columns").getList()).containsExactlyInAnyOrder("order_id", "region", "customer_email");
    assertThat(allowed.getJsonObject("masks").getMap()).containsExactly(java.util.Map.entry("customer_email", "hash"));
    assertThat(allowed.getJsonObject("rowFilter").getString("sql")).isEqualTo("\"region\" IN ('EU', 'UK')");

    JsonObject grant = new JsonObject(mesh.get("/api/v1/grants/" + grantId, carlos).body());
    assertThat(Instant.parse(grant.getString("expiresAt"))).isBetween(Instant.now().plus(Duration.ofDays(6)), Instant.now().plus(Duration.ofDays(7)));
    assertThat(grant.getString("state")).isEqualTo("active");

    assertThat(decide(carlos, "ml-training").getBoolean("allowed")).as("another purpose").isFalse();
    assertThat(decide(sam, "analytics").getBoolean("allowed")).as("an unrelated consumer").isFalse();
    assertThat(mesh.get("/api/v1/grants/" + grantId, sam).statusCode()).as("not sam's to see").isEqualTo(404);

    HttpResponse<String> revoked = mesh.call("DELETE", "/api/v1/grants/" + grantId, olivia, null, null);
    assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
    assertThat(new JsonObject(revoked.body()).getString("state")).isEqualTo("revoked");
    assertThat(decide(carlos, "analytics").getBoolean("allowed")).as("revocation is immediate").isFalse();

    HttpResponse<String> audit = mesh.get("/api/v1/audit?product=" + productId, ada);
    assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);
    List<String> actions = new JsonObject(audit.body()).getJsonArray("items").stream()
        .map(e -> ((JsonObject) e).getString("action")).toList();
    assertThat(actions).contains("access.requested", "access.approved", "decision.allowed", "decision.denied", "grant.revoked");
    assertThat(new JsonObject(audit.body()).getJsonArray("items").getJsonObject(0).getString("traceId")).matches("[0-9a-f]{32}");
    assertThat(mesh.get("/api/v1/audit", carlos).statusCode()).as("consumers do not read the audit log").isEqualTo(403);
  }

  @Test
  void requestApproveAndRevokeAreCloudEventsInTheFeedInOrder() throws Exception {
    String requestId = request(carlos, List.of("order_id", "amount")).getString("id");
    HttpResponse<String> approved = mesh.postJson("/api/v1/access-requests/" + requestId + "/approve", olivia, new JsonObject());
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    String grantId = new JsonObject(approved.body()).getString("grantId");
    assertThat(mesh.call("DELETE", "/api/v1/grants/" + grantId, carlos, null, null).statusCode()).isEqualTo(200);
    assertThat(mesh.call("DELETE", "/api/v1/grants/" + grantId, carlos, null, null).statusCode()).as("again: no second event").isEqualTo(200);

    // read the whole access feed page by page, as a consumer polling with the cursor would
    List<JsonObject> feed = new java.util.ArrayList<>();
    String cursor = "0";
    while (true) {
      HttpResponse<String> page = mesh.get("/api/v1/events?type=io.meshwork.access&limit=2&after=" + cursor, sam);
      assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
      JsonObject body = new JsonObject(page.body());
      if (body.getJsonArray("items").isEmpty()) {
        assertThat(body.getString("next")).isEqualTo(cursor);
        break;
      }
      body.getJsonArray("items").forEach(e -> feed.add((JsonObject) e));
      cursor = body.getString("next");
    }
    List<Long> sequences = feed.stream().map(e -> Long.parseLong(e.getString("sequence"))).toList();
    assertThat(sequences).isSorted().doesNotHaveDuplicates();
    feed.forEach(e -> {
      assertThat(e.getString("specversion")).isEqualTo("1.0");
      assertThat(e.getString("id")).isNotBlank();
      assertThat(e.getString("source")).isEqualTo("/meshwork/access");
      assertThat(e.getString("type")).startsWith("io.meshwork.access.");
      assertThat(Instant.parse(e.getString("time"))).isBefore(Instant.now().plusSeconds(1));
      assertThat(e.getString("datacontenttype")).isEqualTo("application/json");
    });

    List<JsonObject> mine = feed.stream()
        .filter(e -> requestId.equals(e.getString("subject")) || grantId.equals(e.getString("subject")))
        .toList();
    assertThat(mine).extracting(e -> e.getString("type")).containsExactly(
        "io.meshwork.access.requested", "io.meshwork.access.approved", "io.meshwork.access.revoked");
    assertThat(mine).extracting(e -> e.getString("subject")).containsExactly(requestId, requestId, grantId);
    JsonObject approval = mine.get(1).getJsonObject("data");
    assertThat(approval.getString("action")).isEqualTo("access.approved");
    assertThat(approval.getString("actor")).isEqualTo("olivia");
    assertThat(approval.getString("productId")).isEqualTo(productId);
    assertThat(approval.getJsonObject("details").getString("grantId")).isEqualTo(grantId);
    assertThat(mine.get(2).getJsonObject("data").getString("actor")).isEqualTo("carlos");

    assertThat(mesh.get("/api/v1/events?limit=501", sam).statusCode()).isEqualTo(400);
    assertThat(mesh.get("/api/v1/events?after=-1", sam).statusCode()).isEqualTo(400);
    assertThat(mesh.get("/api/v1/events", null).statusCode()).isEqualTo(401);
  }

  @Test
  void badApprovalsAndDenialsAreClearErrors() throws Exception {
    String requestId = request(carlos, List.of()).getString("id");

    HttpResponse<String> badFilter = mesh.postJson("/api/v1/access-requests/" + requestId + "/approve", olivia,
        new JsonObject().put("rowFilter", "country = 'FR'"));
    assertThat(badFilter.statusCode()).isEqualTo(400);
    JsonObject problem = new JsonObject(badFilter.body()).getJsonArray("errors").getJsonObject(0);
    assertThat(problem.getString("pointer")).isEqualTo("/rowFilter");
    assertThat(problem.getString("reason")).contains("unknown column 'country'");

    HttpResponse<String> longer = mesh.postJson("/api/v1/access-requests/" + requestId + "/approve", olivia,
        new JsonObject().put("durationDays", 60));
    assertThat(longer.statusCode()).isEqualTo(400);
    assertThat(longer.body()).contains("/durationDays");

    assertThat(mesh.postJson("/api/v1/access-requests/" + requestId + "/deny", olivia, new JsonObject()).statusCode()).isEqualTo(400);
    HttpResponse<String> denied = mesh.postJson("/api/v1/access-requests/" + requestId + "/deny", olivia,
        new JsonObject().put("reason", "use the aggregated revenue product instead"));
    assertThat(denied.statusCode()).as(denied.body()).isEqualTo(200);
    assertThat(new JsonObject(denied.body()).getString("status")).isEqualTo("denied");
    assertThat(mesh.postJson("/api/v1/access-requests/" + requestId + "/withdraw", carlos, new JsonObject()).statusCode())
        .as("already decided").isEqualTo(409);
  }

  @Test
  void requestsAreValidatedAndWithdrawable() throws Exception {
    JsonObject vocabulary = new JsonObject(mesh.get("/api/v1/access/purposes", carlos).body());
    assertThat(vocabulary.getJsonArray("purposes").getList()).contains("analytics", "legal").doesNotContain("curiosity");
    HttpResponse<String> invalid = mesh.postJson("/api/v1/access-requests", carlos, new JsonObject()
        .put("productId", productId).put("port", "lines").put("purpose", "curiosity").put("durationDays", 1000)
        .put("columns", new JsonArray(List.of("order_id", 7))));
    assertThat(pointers(assertProblem(invalid, 400))).contains("/columns/1");

    HttpResponse<String> unknownPort = mesh.postJson("/api/v1/access-requests", carlos, new JsonObject()
        .put("productId", productId).put("port", "nope").put("purpose", "analytics").put("durationDays", 5));
    assertThat(unknownPort.statusCode()).isEqualTo(404);

    HttpResponse<String> unknownColumn = mesh.postJson("/api/v1/access-requests", carlos, new JsonObject()
        .put("productId", productId).put("port", "lines").put("purpose", "analytics").put("durationDays", 5)
        .put("columns", new JsonArray(List.of("password"))));
    assertThat(pointers(assertProblem(unknownColumn, 400))).containsExactly("/columns");

    String requestId = request(carlos, List.of("order_id")).getString("id");
    assertThat(mesh.postJson("/api/v1/access-requests/" + requestId + "/withdraw", sam, new JsonObject()).statusCode()).isEqualTo(403);
    HttpResponse<String> withdrawn = mesh.postJson("/api/v1/access-requests/" + requestId + "/withdraw", carlos, new JsonObject());
    assertThat(new JsonObject(withdrawn.body()).getString("status")).isEqualTo("withdrawn");
  }

  @Test
  void policiesGiveFeedbackGateApprovalsAndApplyToExistingGrantsAtOnce() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 6);
    String restricted = "restricted-purposes-" + suffix;
    JsonObject purposeRule = new JsonObject().put("kind", "purposeForClassification").put("classification", "restricted")
        .put("purposes", new JsonArray(List.of("fraud", "legal")));
    assertThat(mesh.call("PUT", "/api/v1/policies/" + restricted, olivia, "application/json", purposeRule.encode()).statusCode())
        .as("a domain owner cannot set a global policy").isEqualTo(403);
    HttpResponse<String> created = mesh.call("PUT", "/api/v1/policies/" + restricted, ada, "application/json", purposeRule.encode());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    HttpResponse<String> invalid = mesh.call("PUT", "/api/v1/policies/bad-" + suffix, ada, "application/json",
        new JsonObject().put("kind", "maxDuration").put("maxDays", -3).put("domain", 7).encode());
    assertThat(pointers(assertProblem(invalid, 400))).contains("/maxDays", "/domain");

    try {
      JsonObject asked = request(carlos, List.of("order_id", "region", "customer_email"));
      assertThat(asked.getJsonArray("policyFeedback").getString(0)).startsWith(restricted + ":").contains("restricted columns require");

      HttpResponse<String> refused = mesh.postJson("/api/v1/access-requests/" + asked.getString("id") + "/approve", olivia, new JsonObject());
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
      assertThat(refused.body()).contains(restricted);
      HttpResponse<String> narrowed = mesh.postJson("/api/v1/access-requests/" + asked.getString("id") + "/approve", olivia,
          new JsonObject().put("columns", new JsonArray(List.of("order_id", "region"))));
      assertThat(narrowed.statusCode()).as(narrowed.body()).isEqualTo(200);
      assertThat(decide(carlos, "analytics").getJsonObject("masks").getMap()).doesNotContainKey("region");

      // a domain policy added later narrows the grant already given, on the very next decision
      String internal = "internal-for-fraud-" + suffix;
      HttpResponse<String> domainPolicy = mesh.call("PUT", "/api/v1/policies/" + internal, olivia, "application/json",
          new JsonObject().put("domain", "orders").put("kind", "purposeForClassification").put("classification", "internal")
              .put("purposes", new JsonArray(List.of("fraud"))).encode());
      assertThat(domainPolicy.statusCode()).as(domainPolicy.body()).isEqualTo(201);
      JsonObject after = decide(carlos, "analytics");
      assertThat(after.getBoolean("allowed")).isTrue();
      assertThat(after.getJsonObject("masks").getMap()).containsEntry("region", "null");
      assertThat(after.getString("reason")).contains(internal);

      assertThat(mesh.call("DELETE", "/api/v1/policies/" + internal, olivia, null, null).statusCode()).isEqualTo(204);
      assertThat(decide(carlos, "analytics").getJsonObject("masks").getMap()).doesNotContainKey("region");
      mesh.call("DELETE", "/api/v1/grants/" + new JsonObject(narrowed.body()).getString("grantId"), olivia, null, null);
    } finally {
      mesh.call("DELETE", "/api/v1/policies/" + restricted, ada, null, null);
    }
  }

  @Test
  void matchingRequestsAreApprovedAtOnceByTheOwnersRules() throws Exception {
    String rulesPath = "/api/v1/access/auto-approval/" + productId;
    JsonObject rules = new JsonObject().put("rules", new JsonArray().add(new JsonObject()
        .put("port", "lines").put("purposes", new JsonArray(List.of("reporting"))).put("maxDays", 14)));
    assertThat(mesh.call("PUT", rulesPath, carlos, "application/json", rules.encode()).statusCode()).isEqualTo(403);
    HttpResponse<String> invalid = mesh.call("PUT", rulesPath, olivia, "application/json",
        new JsonObject().put("rules", new JsonArray().add(new JsonObject().put("maxDays", 0))).encode());
    assertThat(pointers(assertProblem(invalid, 400))).containsExactlyInAnyOrder("/rules/0/port", "/rules/0/maxDays");
    HttpResponse<String> set = mesh.call("PUT", rulesPath, olivia, "application/json", rules.encode());
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);

    try {
      HttpResponse<String> matching = mesh.postJson("/api/v1/access-requests", carlos, new JsonObject()
          .put("productId", productId).put("port", "lines").put("purpose", "reporting").put("durationDays", 7)
          .put("columns", new JsonArray(List.of("order_id", "amount"))));
      JsonObject approved = new JsonObject(matching.body());
      assertThat(approved.getString("status")).as(matching.body()).isEqualTo("approved");
      assertThat(approved.getString("decidedBy")).isEqualTo("auto-approval");
      JsonObject decision = decide(carlos, "reporting");
      assertThat(decision.getBoolean("allowed")).isTrue();
      assertThat(decision.getJsonArray("columns").getList()).containsExactlyInAnyOrder("order_id", "amount");

      HttpResponse<String> restricted = mesh.postJson("/api/v1/access-requests", carlos, new JsonObject()
          .put("productId", productId).put("port", "lines").put("purpose", "reporting").put("durationDays", 7)
          .put("columns", new JsonArray(List.of("order_id", "customer_email"))));
      assertThat(new JsonObject(restricted.body()).getString("status")).as("restricted columns wait for an owner").isEqualTo("pending");
      mesh.call("DELETE", "/api/v1/grants/" + approved.getString("grantId"), olivia, null, null);
    } finally {
      mesh.call("PUT", rulesPath, olivia, "application/json", new JsonObject().put("rules", new JsonArray()).encode());
    }
  }

  @Test
  void approversNamedByTheContractDecideBesideTheDomainOwners() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String contractId = "it-approved-" + suffix;
    String product = "orders-approved-" + suffix;
    HttpResponse<String> contract = mesh.putYaml("/api/v1/contracts/" + contractId, olivia, """
        apiVersion: v3.1.0
        kind: DataContract
        id: %s
        name: Lines with named approvers
        version: 1.0.0
        status: active
        domain: orders
        roles:
          - role: lines_reader
            access: read
            firstLevelApprovers: sam
        schema:
          - name: lines
            logicalType: object
            properties:
              - name: order_id
                logicalType: string
                description: The order.
        """.formatted(contractId));
    assertThat(contract.statusCode()).as(contract.body()).isEqualTo(201);
    assertThat(mesh.putYaml("/api/v1/products/" + product, olivia, """
        apiVersion: v1.0.0
        kind: DataProduct
        id: %s
        name: Orders with named approvers
        status: active
        domain: orders
        outputPorts:
          - name: lines
            type: tables
            version: 1.0.0
            contractId: %s
        """.formatted(product, contractId)).statusCode()).isEqualTo(201);

    HttpResponse<String> asked = mesh.postJson("/api/v1/access-requests", carlos, new JsonObject()
        .put("productId", product).put("port", "lines").put("purpose", "analytics").put("durationDays", 3));
    JsonObject request = new JsonObject(asked.body());
    assertThat(request.getJsonArray("approvers").getList()).containsExactly("sam");
    String requestId = request.getString("id");

    assertThat(ids(mesh.get("/api/v1/access-requests?view=to-approve", sam))).containsExactly(requestId);
    assertThat(ids(mesh.get("/api/v1/access-requests?view=to-approve", olivia))).contains(requestId);
    HttpResponse<String> approved = mesh.postJson("/api/v1/access-requests/" + requestId + "/approve", sam, new JsonObject());
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    assertThat(new JsonObject(approved.body()).getString("decidedBy")).isEqualTo("sam");
  }

  @Test
  void anExpiredGrantStopsWorkingOnTime() throws Exception {
    // a purpose no other test grants, so no other grant can answer for this one
    HttpResponse<String> asked = mesh.postJson("/api/v1/access-requests", carlos, new JsonObject()
        .put("productId", productId).put("port", "lines").put("purpose", "operations").put("durationDays", 1));
    String requestId = new JsonObject(asked.body()).getString("id");
    Instant expiresAt = Instant.now().plusSeconds(4);
    HttpResponse<String> approved = mesh.postJson("/api/v1/access-requests/" + requestId + "/approve", olivia,
        new JsonObject().put("expiresAt", expiresAt.toString()));
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    assertThat(decide(carlos, "operations").getBoolean("allowed")).isTrue();

    Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis()) + 500);

    JsonObject after = decide(carlos, "operations");
    assertThat(after.getBoolean("allowed")).isFalse();
    assertThat(after.getString("reason")).contains("expired");
    String grantId = new JsonObject(approved.body()).getString("grantId");
    assertThat(new JsonObject(mesh.get("/api/v1/grants/" + grantId, carlos).body()).getString("state")).isEqualTo("expired");
  }

  @Test
  void aMemberRequestsForTheirGroupAndTheGrantServesTheGroup() throws Exception {
    String group = "analysts-" + UUID.randomUUID().toString().substring(0, 6);
    HttpResponse<String> notMine = mesh.postJson("/api/v1/access-requests", carlos, new JsonObject()
        .put("productId", productId).put("port", "lines").put("purpose", "legal").put("durationDays", 2)
        .put("onBehalfOfGroup", "/" + group));
    assertThat(notMine.statusCode()).as("only for a group of one's own").isEqualTo(403);

    mesh.joinGroup("carlos", group);
    String member = mesh.token("carlos");
    HttpResponse<String> asked = mesh.postJson("/api/v1/access-requests", member, new JsonObject()
        .put("productId", productId).put("port", "lines").put("purpose", "legal").put("durationDays", 2)
        .put("onBehalfOfGroup", "/" + group));
    assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
    JsonObject request = new JsonObject(asked.body());
    assertThat(request.getJsonObject("requester").getString("kind")).isEqualTo("group");
    assertThat(request.getJsonObject("requester").getString("id")).isEqualTo("/" + group);

    HttpResponse<String> approved = mesh.postJson("/api/v1/access-requests/" + request.getString("id") + "/approve", olivia, new JsonObject());
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    assertThat(decide(member, "legal").getBoolean("allowed")).as("a member reads under the group's grant").isTrue();
    assertThat(decide(sam, "legal").getBoolean("allowed")).as("a non-member does not").isFalse();
    mesh.call("DELETE", "/api/v1/grants/" + new JsonObject(approved.body()).getString("grantId"), olivia, null, null);
  }

  private static List<String> ids(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new JsonObject(response.body()).getJsonArray("items").stream().map(i -> ((JsonObject) i).getString("id")).toList();
  }
}
