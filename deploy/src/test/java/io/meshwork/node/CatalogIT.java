package io.meshwork.node;

import static io.meshwork.node.ProblemAssert.assertProblem;
import static io.meshwork.node.ProblemAssert.pointers;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Contracts and their references to products, on the running node with real Keycloak tokens
 * (a throwaway realm) and the default embedded MongoDB-wire store — the demo data included.
 */
class CatalogIT {

  private static TestMesh mesh;
  private static String olivia;
  private static String carlos;
  private static String ada;

  @BeforeAll
  static void startMesh() throws Exception {
    mesh = TestMesh.start("catalog-it");
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
  void theDemoContractsAndThenTheDemoProductsLoad() throws Exception {
    DemoData.registerAll(mesh, ada);
    JsonObject contracts = new JsonObject(mesh.get("/api/v1/contracts?limit=500", carlos).body());
    assertThat(contracts.getLong("total")).isGreaterThanOrEqualTo(11);
  }

  @Test
  void aDomainOwnerRegistersAContractIdempotentlyAndAConsumerReadsItAsYaml() throws Exception {
    String id = "it-lines-" + UUID.randomUUID().toString().substring(0, 8);
    String yaml = contract(id, "orders", "1.0.0");

    assertThat(mesh.putYaml("/api/v1/contracts/" + id, olivia, yaml).statusCode()).isEqualTo(201);
    assertThat(mesh.putYaml("/api/v1/contracts/" + id, olivia, yaml).statusCode()).isEqualTo(200);
    HttpResponse<String> asYaml = mesh.send(HttpRequest.newBuilder(mesh.uri("/api/v1/contracts/" + id))
        .header("Authorization", "Bearer " + carlos).header("Accept", "application/yaml").build());
    assertThat(asYaml.statusCode()).isEqualTo(200);
    assertThat(asYaml.body()).contains("x-notes");

    assertProblem(mesh.putYaml("/api/v1/contracts/" + id, carlos, yaml), 403);
    assertProblem(mesh.putYaml("/api/v1/contracts/x-leads", olivia, contract("x-leads", "leads", "1.0.0")), 403);
  }

  @Test
  void badContractsAreProblemsWithPointers() throws Exception {
    JsonObject wrongTypes = assertProblem(mesh.putYaml("/api/v1/contracts/it-bad", olivia,
        contract("it-bad", "orders", "1.0").replace("required: true", "required: sometimes")), 400);
    assertThat(pointers(wrongTypes)).containsExactlyInAnyOrder("/version", "/schema/0/properties/0/required");

    JsonObject malformed = assertProblem(mesh.putYaml("/api/v1/contracts/it-bad", olivia, "schema: [unclosed"), 400);
    assertThat(malformed.getJsonArray("errors").getJsonObject(0).getString("reason")).startsWith("not valid YAML at line");

    String huge = contract("it-big", "orders", "1.0.0") + "x-padding: \"" + "a".repeat(1024 * 1024) + "\"\n";
    assertProblem(mesh.putYaml("/api/v1/contracts/it-big", olivia, huge), 413);
    assertProblem(mesh.get("/api/v1/contracts/it-missing", carlos), 404);
  }

  @Test
  void aProductMustReferenceRegisteredContractsOrMarkItsInputExternal() throws Exception {
    String output = "it-out-" + UUID.randomUUID().toString().substring(0, 8);
    String product = "orders-it-" + UUID.randomUUID().toString().substring(0, 8);

    JsonObject unknown = assertProblem(mesh.putYaml("/api/v1/products/" + product, olivia, product(product, output, false)), 400);
    assertThat(pointers(unknown)).containsExactlyInAnyOrder("/outputPorts/0/contractId", "/inputPorts/0/contractId");

    assertThat(mesh.putYaml("/api/v1/contracts/" + output, olivia, contract(output, "orders", "1.0.0")).statusCode()).isEqualTo(201);
    HttpResponse<String> registered = mesh.putYaml("/api/v1/products/" + product, olivia, product(product, output, true));
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
  }

  @Test
  void aBreakingChangeIsRejectedWithItsListUntilTheMajorVersionRisesAndTheChangelogTellsTheStory() throws Exception {
    String id = "it-gate-" + UUID.randomUUID().toString().substring(0, 8);
    String v1 = contract(id, "orders", "1.0.0").replace("status: draft", "status: active");
    assertThat(mesh.putYaml("/api/v1/contracts/" + id, olivia, v1).statusCode()).isEqualTo(201);

    String lowered = v1.replace("version: 1.0.0", "version: 1.1.0").replace("classification: confidential", "classification: public");
    JsonObject rejected = assertProblem(mesh.putYaml("/api/v1/contracts/" + id, olivia, lowered), 409);
    assertThat(rejected.getJsonArray("breakingChanges").getJsonObject(0).getString("description"))
        .isEqualTo("classification of lines.email changed from confidential to public (lowered)");

    String v2 = lowered.replace("version: 1.1.0", "version: 2.0.0");
    assertThat(mesh.putYaml("/api/v1/contracts/" + id, olivia, v2).statusCode()).isEqualTo(200);
    JsonObject diff = new JsonObject(mesh.get("/api/v1/contracts/" + id + "/diff?from=1.0.0&to=2.0.0", carlos).body());
    assertThat(diff.getBoolean("breaking")).isTrue();
    JsonArray entries = new JsonObject(mesh.get("/api/v1/contracts/" + id + "/changelog", carlos).body())
        .getJsonArray("entries");
    assertThat(entries.getJsonObject(0).getString("summary")).startsWith("Version 2.0.0 (active) by olivia");

    assertProblem(mesh.call("DELETE", "/api/v1/contracts/" + id, olivia, null, null), 409);
    String draft = "it-draft-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(mesh.putYaml("/api/v1/contracts/" + draft, olivia, contract(draft, "orders", "0.1.0")).statusCode()).isEqualTo(201);
    assertThat(mesh.call("DELETE", "/api/v1/contracts/" + draft, olivia, null, null).statusCode()).isEqualTo(204);
  }

  @Test
  void anAdminDescribesADomainAndEveryoneSeesItWithItsProducts() throws Exception {
    String domain = "name: orders\ndescription: Orders placed on the web shop and in stores.\nowners: [olivia]\n";
    assertProblem(mesh.putYaml("/api/v1/domains/orders", carlos, domain), 403);
    assertThat(mesh.putYaml("/api/v1/domains/orders", ada, domain).statusCode()).isIn(200, 201);
    assertThat(mesh.putYaml("/api/v1/domains/orders", olivia, domain).statusCode()).isEqualTo(200);
    assertProblem(mesh.putYaml("/api/v1/domains/orders", ada, "name: orders\ncolour: blue\n"), 400);

    JsonObject orders = new JsonObject(mesh.get("/api/v1/domains/orders", carlos).body());
    assertThat(orders.getJsonArray("owners").getList()).containsExactly("olivia");
    JsonObject all = new JsonObject(mesh.get("/api/v1/domains", carlos).body());
    assertThat(all.getJsonArray("items").stream().map(d -> ((JsonObject) d).getString("name"))).contains("orders");
  }

  // --- helpers ---

  private static String contract(String id, String domain, String version) {
    return """
        apiVersion: v3.1.0
        kind: DataContract
        id: %s
        version: %s
        status: draft
        domain: %s
        schema:
          - name: lines
            properties:
              - name: order_id
                logicalType: string
                required: true
                primaryKey: true
              - name: email
                logicalType: string
                classification: confidential
        x-notes: {by: CatalogIT}
        """.formatted(id, version, domain);
  }

  private static String product(String id, String output, boolean externalInput) {
    return """
        apiVersion: v1.1.0
        kind: DataProduct
        id: %s
        status: draft
        domain: orders
        type: sourceAligned
        inputPorts:
          - name: checkout
            version: 1.0.0
            contractId: checkout-feed-v1
            customProperties:
              - property: external
                value: %s
        outputPorts:
          - name: lines
            version: 1.0.0
            contractId: %s
        """.formatted(id, externalInput, output);
  }
}
