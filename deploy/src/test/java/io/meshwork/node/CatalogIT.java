package io.meshwork.node;

import static io.meshwork.node.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Contracts and their references to products, on the running node with real Keycloak tokens
 * (a throwaway realm) and the default embedded MongoDB-wire store — the demo data included.
 */
class CatalogIT {

  private static final Path DEMO = Path.of("demo").toAbsolutePath();
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
    for (String kind : List.of("contracts", "products")) {
      try (var files = Files.list(DEMO.resolve(kind))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
          String id = file.getFileName().toString().replace(".yaml", "");
          HttpResponse<String> answer = send(put("/api/v1/" + kind + "/" + id, Files.readString(file), ada));
          assertThat(answer.statusCode()).as("PUT %s: %s", file, answer.body()).isBetween(200, 201);
        }
      }
    }
    JsonObject contracts = new JsonObject(send(request("/api/v1/contracts?limit=500", carlos).build()).body());
    assertThat(contracts.getLong("total")).isGreaterThanOrEqualTo(11);
  }

  @Test
  void aDomainOwnerRegistersAContractIdempotentlyAndAConsumerReadsItAsYaml() throws Exception {
    String id = "it-lines-" + UUID.randomUUID().toString().substring(0, 8);
    String yaml = contract(id, "orders", "1.0.0");

    assertThat(send(put("/api/v1/contracts/" + id, yaml, olivia)).statusCode()).isEqualTo(201);
    assertThat(send(put("/api/v1/contracts/" + id, yaml, olivia)).statusCode()).isEqualTo(200);
    HttpResponse<String> asYaml = send(request("/api/v1/contracts/" + id, carlos).header("Accept", "application/yaml").build());
    assertThat(asYaml.statusCode()).isEqualTo(200);
    assertThat(asYaml.body()).contains("x-notes");

    assertProblem(send(put("/api/v1/contracts/" + id, yaml, carlos)), 403);
    assertProblem(send(put("/api/v1/contracts/x-leads", contract("x-leads", "leads", "1.0.0"), olivia)), 403);
  }

  @Test
  void badContractsAreProblemsWithPointers() throws Exception {
    JsonObject wrongTypes = assertProblem(send(put("/api/v1/contracts/it-bad",
        contract("it-bad", "orders", "1.0").replace("required: true", "required: sometimes"), olivia)), 400);
    assertThat(pointers(wrongTypes)).containsExactlyInAnyOrder("/version", "/schema/0/properties/0/required");

    JsonObject malformed = assertProblem(send(put("/api/v1/contracts/it-bad", "schema: [unclosed", olivia)), 400);
    assertThat(malformed.getJsonArray("errors").getJsonObject(0).getString("reason")).startsWith("not valid YAML at line");

    String huge = contract("it-big", "orders", "1.0.0") + "x-padding: \"" + "a".repeat(1024 * 1024) + "\"\n";
    assertProblem(send(put("/api/v1/contracts/it-big", huge, olivia)), 413);
    assertProblem(send(request("/api/v1/contracts/it-missing", carlos).build()), 404);
  }

  @Test
  void aProductMustReferenceRegisteredContractsOrMarkItsInputExternal() throws Exception {
    String output = "it-out-" + UUID.randomUUID().toString().substring(0, 8);
    String product = "orders-it-" + UUID.randomUUID().toString().substring(0, 8);

    JsonObject unknown = assertProblem(send(put("/api/v1/products/" + product, product(product, output, false), olivia)), 400);
    assertThat(pointers(unknown)).containsExactlyInAnyOrder("/outputPorts/0/contractId", "/inputPorts/0/contractId");

    assertThat(send(put("/api/v1/contracts/" + output, contract(output, "orders", "1.0.0"), olivia)).statusCode()).isEqualTo(201);
    HttpResponse<String> registered = send(put("/api/v1/products/" + product, product(product, output, true), olivia));
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
  }

  @Test
  void aBreakingChangeIsRejectedWithItsListUntilTheMajorVersionRisesAndTheChangelogTellsTheStory() throws Exception {
    String id = "it-gate-" + UUID.randomUUID().toString().substring(0, 8);
    String v1 = contract(id, "orders", "1.0.0").replace("status: draft", "status: active");
    assertThat(send(put("/api/v1/contracts/" + id, v1, olivia)).statusCode()).isEqualTo(201);

    String lowered = v1.replace("version: 1.0.0", "version: 1.1.0").replace("classification: confidential", "classification: public");
    JsonObject rejected = assertProblem(send(put("/api/v1/contracts/" + id, lowered, olivia)), 409);
    assertThat(rejected.getJsonArray("breakingChanges").getJsonObject(0).getString("description"))
        .isEqualTo("classification of lines.email changed from confidential to public (lowered)");

    String v2 = lowered.replace("version: 1.1.0", "version: 2.0.0");
    assertThat(send(put("/api/v1/contracts/" + id, v2, olivia)).statusCode()).isEqualTo(200);
    JsonObject diff = new JsonObject(send(request("/api/v1/contracts/" + id + "/diff?from=1.0.0&to=2.0.0", carlos).build()).body());
    assertThat(diff.getBoolean("breaking")).isTrue();
    JsonArray entries = new JsonObject(send(request("/api/v1/contracts/" + id + "/changelog", carlos).build()).body())
        .getJsonArray("entries");
    assertThat(entries.getJsonObject(0).getString("summary")).startsWith("Version 2.0.0 (active) by olivia");

    assertProblem(send(request("/api/v1/contracts/" + id, olivia).DELETE().build()), 409);
    String draft = "it-draft-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(send(put("/api/v1/contracts/" + draft, contract(draft, "orders", "0.1.0"), olivia)).statusCode()).isEqualTo(201);
    assertThat(send(request("/api/v1/contracts/" + draft, olivia).DELETE().build()).statusCode()).isEqualTo(204);
  }

  @Test
  void anAdminDescribesADomainAndEveryoneSeesItWithItsProducts() throws Exception {
    String domain = "name: orders\ndescription: Orders placed on the web shop and in stores.\nowners: [olivia]\n";
    assertProblem(send(put("/api/v1/domains/orders", domain, carlos)), 403);
    assertThat(send(put("/api/v1/domains/orders", domain, ada)).statusCode()).isIn(200, 201);
    assertThat(send(put("/api/v1/domains/orders", domain, olivia)).statusCode()).isEqualTo(200);
    assertProblem(send(put("/api/v1/domains/orders", "name: orders\ncolour: blue\n", ada)), 400);

    JsonObject orders = new JsonObject(send(request("/api/v1/domains/orders", carlos).build()).body());
    assertThat(orders.getJsonArray("owners").getList()).containsExactly("olivia");
    JsonObject all = new JsonObject(send(request("/api/v1/domains", carlos).build()).body());
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

  private static HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(mesh.uri(path));
    return token == null ? builder : builder.header("Authorization", "Bearer " + token);
  }

  private static HttpRequest put(String path, String yaml, String token) {
    return request(path, token).header("Content-Type", "application/yaml").PUT(HttpRequest.BodyPublishers.ofString(yaml)).build();
  }

  private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return mesh.send(request);
  }

  private static List<String> pointers(JsonObject problem) {
    JsonArray errors = problem.getJsonArray("errors");
    return errors.stream().map(e -> ((JsonObject) e).getString("pointer")).toList();
  }
}
