package io.meshwork.node;

import static io.meshwork.node.ProblemAssert.assertProblem;
import static io.meshwork.node.ProblemAssert.pointers;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Computational governance on the running node, with the default rules a fresh mesh seeds: drafts
 * may fall short, activation may not (400 listing every shortfall), domains add rules on top, and
 * each product shows its conformance. The demo data registers under these rules.
 */
class GovernanceIT {

  private static TestMesh mesh;
  private static String olivia;
  private static String carlos;
  private static String ada;

  @BeforeAll
  static void startMesh() throws Exception {
    mesh = TestMesh.startWithDefaultGovernance("governance-it");
    olivia = mesh.token("olivia");
    carlos = mesh.token("carlos");
    ada = mesh.token("ada");
  }

  @AfterAll
  static void stopMesh() {
    if (mesh != null) {
      mesh.close();
    }
  }

  @Test
  void aFreshMeshHasTheDefaultRulesAndTheDemoDataMeetsThem() throws Exception {
    JsonObject rules = new JsonObject(mesh.get("/api/v1/governance/rules", carlos).body());
    assertThat(ids(rules.getJsonArray("items"))).contains("owner-and-support", "properties-described", "personal-data-classified",
        "sla-and-quality", "output-ports-versioned");

    DemoData.registerAll(mesh, ada);
    JsonObject conformance = new JsonObject(mesh.get("/api/v1/products/orders-daily/conformance", carlos).body());
    assertThat(conformance.getInteger("total")).isGreaterThanOrEqualTo(5);
    assertThat(conformance.getInteger("met")).isEqualTo(conformance.getInteger("total"));
    assertThat(conformance.getBoolean("conforms")).isTrue();
  }

  @Test
  void aDraftMayFallShortButActivationIsRefusedWithEveryShortfall() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String contractId = "gov-lines-" + suffix;
    String productId = "gov-orders-" + suffix;
    assertThat(mesh.putYaml("/api/v1/contracts/" + contractId, olivia, roughContract(contractId, "draft")).statusCode()).isEqualTo(201);

    JsonObject refused = assertProblem(mesh.putYaml("/api/v1/contracts/" + contractId, olivia, roughContract(contractId, "active")), 400);
    assertThat(pointers(refused)).containsExactlyInAnyOrder(
        "/schema/0/properties/1/description",
        "/schema/0/properties/1/classification",
        "/slaProperties",
        "/schema");
    assertThat(refused.getString("detail")).contains("cannot be active");
    assertThat(refused.getJsonArray("errors").getJsonObject(0).getString("reason")).contains("(rule ");

    assertThat(mesh.putYaml("/api/v1/products/" + productId, olivia, roughProduct(productId, contractId, "draft")).statusCode()).isEqualTo(201);
    JsonObject product = assertProblem(mesh.putYaml("/api/v1/products/" + productId, olivia, roughProduct(productId, contractId, "active")), 400);
    assertThat(pointers(product)).contains("/support", "/outputPorts/0/contractId");
    assertThat(product.getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("reason")))
        .anyMatch(reason -> reason.startsWith("contract '" + contractId + "' at /schema/0/properties/1/classification"));

    JsonObject conformance = new JsonObject(mesh.get("/api/v1/products/" + productId + "/conformance", carlos).body());
    assertThat(conformance.getInteger("total")).isEqualTo(5);
    assertThat(conformance.getInteger("met")).as(conformance.encodePrettily()).isEqualTo(1);
    JsonObject versioned = rule(conformance, "output-ports-versioned");
    assertThat(versioned.getBoolean("met")).isTrue();
    JsonObject classified = rule(conformance, "personal-data-classified");
    assertThat(classified.getBoolean("met")).isFalse();
    assertThat(classified.getJsonArray("violations").getJsonObject(0).getString("contract")).isEqualTo(contractId);
    assertProblem(mesh.get("/api/v1/products/no-such-product/conformance", carlos), 404);

    // fixed, both may become active
    String fixedContract = roughContract(contractId, "active")
        .replace("      - name: customer_email\n", "      - name: customer_email\n        description: Who ordered.\n        classification: restricted\n")
        + "slaProperties:\n  - property: latency\n    value: 1\n    unit: d\n";
    fixedContract = fixedContract.replace("    properties:\n", "    quality:\n      - metric: rowCount\n        mustBeGreaterThan: 0\n    properties:\n");
    HttpResponse<String> contract = mesh.putYaml("/api/v1/contracts/" + contractId, olivia, fixedContract);
    assertThat(contract.statusCode()).as(contract.body()).isEqualTo(200);
    HttpResponse<String> active = mesh.putYaml("/api/v1/products/" + productId, olivia, roughProduct(productId, contractId, "active")
        + "support:\n  - channel: \"#orders\"\n    url: https://chat.example.com/orders\n");
    assertThat(active.statusCode()).as(active.body()).isEqualTo(200);
    JsonObject after = new JsonObject(mesh.get("/api/v1/products/" + productId + "/conformance", carlos).body());
    assertThat(after.getInteger("met")).isEqualTo(5);
  }

  @Test
  void aDomainAddsItsOwnRulesOnTopAndOnlyItsOwnersAndAdminsSetThem() throws Exception {
    String rulePath = "/api/v1/governance/rules/orders-purpose-" + UUID.randomUUID().toString().substring(0, 6);
    JsonObject rule = new JsonObject().put("kind", "required-field").put("appliesTo", "product").put("pointer", "/description/usage")
        .put("description", "Orders products say how they are used");
    assertProblem(mesh.call("PUT", rulePath + "?domain=orders", carlos, "application/json", rule.encode()), 403);
    assertProblem(mesh.call("PUT", rulePath, olivia, "application/json", rule.encode()), 403);
    assertProblem(mesh.call("PUT", rulePath + "?domain=leads", olivia, "application/json", rule.encode()), 403);
    assertProblem(mesh.call("PUT", rulePath + "?domain=orders", olivia, "application/json",
        new JsonObject().put("kind", "required-field").encode()), 400);
    try {
      HttpResponse<String> created = mesh.call("PUT", rulePath + "?domain=orders", olivia, "application/json", rule.encode());
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      JsonObject orders = new JsonObject(mesh.get("/api/v1/governance/rules?domain=orders", carlos).body());
      JsonObject leads = new JsonObject(mesh.get("/api/v1/governance/rules?domain=leads", carlos).body());
      assertThat(orders.getInteger("total")).isEqualTo(leads.getInteger("total") + 1);

      String suffix = UUID.randomUUID().toString().substring(0, 8);
      String contractId = "gov-good-" + suffix;
      HttpResponse<String> contract = mesh.putYaml("/api/v1/contracts/" + contractId, olivia, goodContract(contractId, "orders"));
      assertThat(contract.statusCode()).as(contract.body()).isEqualTo(201);
      JsonObject refused = assertProblem(mesh.putYaml("/api/v1/products/gov-p-" + suffix, olivia,
          goodProduct("gov-p-" + suffix, "orders", contractId)), 400);
      assertThat(pointers(refused)).containsExactly("/description/usage");
      HttpResponse<String> withUsage = mesh.putYaml("/api/v1/products/gov-p-" + suffix, olivia,
          goodProduct("gov-p-" + suffix, "orders", contractId).replace("  purpose: Test orders.\n", "  purpose: Test orders.\n  usage: Tests.\n"));
      assertThat(withUsage.statusCode()).as(withUsage.body()).isEqualTo(201);
    } finally {
      assertThat(mesh.call("DELETE", rulePath, olivia, null, null).statusCode()).isEqualTo(204);
    }
    assertProblem(mesh.get(rulePath, carlos), 404);
  }

  @Test
  void onlyAMeshAdminChangesMeshWideRules() throws Exception {
    String path = "/api/v1/governance/rules/it-mesh-" + UUID.randomUUID().toString().substring(0, 6);
    JsonObject rule = new JsonObject().put("kind", "required-field").put("appliesTo", "contract").put("pointer", "/x-it-never");
    assertProblem(mesh.call("PUT", path, olivia, "application/json", rule.encode()), 403);
    assertThat(mesh.call("PUT", path, ada, "application/json", rule.encode()).statusCode()).isEqualTo(201);
    assertThat(mesh.call("PUT", path, ada, "application/json", rule.encode()).statusCode()).isEqualTo(200);
    assertProblem(mesh.call("DELETE", path, olivia, null, null), 403);
    assertThat(mesh.call("DELETE", path, ada, null, null).statusCode()).isEqualTo(204);
  }

  // --- helpers ---

  private static String roughContract(String id, String status) {
    return """
        apiVersion: v3.1.0
        kind: DataContract
        id: %s
        version: 1.0.0
        status: %s
        domain: orders
        schema:
          - name: lines
            properties:
              - name: order_id
                logicalType: string
                description: The order.
              - name: customer_email
                logicalType: string
        """.formatted(id, status);
  }

  private static String roughProduct(String id, String contractId, String status) {
    return """
        apiVersion: v1.0.0
        kind: DataProduct
        id: %s
        status: %s
        domain: orders
        team:
          name: Orders team
        outputPorts:
          - name: lines
            type: tables
            version: 1.0.0
            contractId: %s
        """.formatted(id, status, contractId);
  }

  private static String goodContract(String id, String domain) {
    return """
        apiVersion: v3.1.0
        kind: DataContract
        id: %s
        version: 1.0.0
        status: active
        domain: %s
        schema:
          - name: lines
            quality:
              - metric: rowCount
                mustBeGreaterThan: 0
            properties:
              - name: order_id
                logicalType: string
                description: The order.
        slaProperties:
          - property: latency
            value: 1
            unit: d
        """.formatted(id, domain);
  }

  private static String goodProduct(String id, String domain, String contractId) {
    return """
        apiVersion: v1.0.0
        kind: DataProduct
        id: %s
        status: active
        domain: %s
        description:
          purpose: Test orders.
        team:
          name: Orders team
        support:
          - channel: "#orders"
            url: https://chat.example.com/orders
        outputPorts:
          - name: lines
            type: tables
            version: 1.0.0
            contractId: %s
        """.formatted(id, domain, contractId);
  }

  private static List<String> ids(JsonArray items) {
    return items.stream().map(i -> ((JsonObject) i).getString("id")).toList();
  }

  private static JsonObject rule(JsonObject conformance, String id) {
    return conformance.getJsonArray("rules").stream().map(r -> (JsonObject) r).filter(r -> r.getString("id").equals(id)).findFirst()
        .orElseThrow();
  }
}
