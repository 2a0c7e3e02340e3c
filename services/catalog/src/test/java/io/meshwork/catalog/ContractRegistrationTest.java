package io.meshwork.catalog;

import static io.meshwork.catalog.CatalogServer.ADA;
import static io.meshwork.catalog.CatalogServer.CARLOS;
import static io.meshwork.catalog.CatalogServer.OLIVIA;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwork.model.document.DocumentFormat;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ContractRegistrationTest {

  private static CatalogServer catalog;

  @BeforeAll
  static void start() throws Exception {
    catalog = new CatalogServer();
  }

  @AfterAll
  static void stop() throws Exception {
    catalog.close();
  }

  static String contract(String id, String domain, String version, String status) {
    return """
        apiVersion: v3.1.0
        kind: DataContract
        id: %s
        version: %s
        status: %s
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
              - name: amount
                logicalType: number
        x-notes: {kept: true}
        """.formatted(id, version, status, domain);
  }

  static String product(String id, String output, String input, boolean external) {
    return """
        apiVersion: v1.0.0
        kind: DataProduct
        id: %s
        status: draft
        domain: orders
        inputPorts:
          - name: in
            version: 1.0.0
            contractId: %s
            customProperties:
              - property: external
                value: %s
        outputPorts:
          - name: out
            version: 1.0.0
            contractId: %s
        """.formatted(id, input, external, output);
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void registersIdempotentlyAndReadsBackAsJsonOrYaml() throws Exception {
    String id = unique("lines");
    String yaml = contract(id, "orders", "1.0.0", "draft");

    assertThat(catalog.put("/api/v1/contracts/" + id, yaml, OLIVIA).statusCode()).isEqualTo(201);
    assertThat(catalog.put("/api/v1/contracts/" + id, yaml, OLIVIA).statusCode()).isEqualTo(200);

    HttpResponse<String> asYaml = catalog.send(HttpRequest.newBuilder(catalog.uri("/api/v1/contracts/" + id))
        .header("X-Test-Caller", CARLOS).header("Accept", "application/yaml").build());
    assertThat(asYaml.headers().firstValue("Content-Type")).hasValue("application/yaml");
    assertThat(DocumentFormat.YAML.read(asYaml.body().getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(DocumentFormat.YAML.read(yaml.getBytes(StandardCharsets.UTF_8)));

    JsonObject page = new JsonObject(catalog.get("/api/v1/contracts?limit=500", CARLOS).body());
    assertThat(page.getJsonArray("items").stream().filter(c -> ((JsonObject) c).getString("id").equals(id)).count()).isEqualTo(1);
    assertThat(page.getLong("total")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void onlyOwnersOfTheDomainMayWrite() throws Exception {
    assertThat(catalog.put("/api/v1/contracts/x-1", contract("x-1", "orders", "1.0.0", "draft"), CARLOS).statusCode()).isEqualTo(403);
    assertThat(catalog.put("/api/v1/contracts/x-2", contract("x-2", "leads", "1.0.0", "draft"), OLIVIA).statusCode()).isEqualTo(403);
    assertThat(catalog.put("/api/v1/contracts/x-3", contract("x-3", "leads", "1.0.0", "draft"), ADA).statusCode()).isEqualTo(201);
  }

  @Test
  void invalidContractsListEveryViolation() throws Exception {
    String broken = contract("bad", "orders", "v1", "draft").replace("logicalType: number", "logicalType: money");
    HttpResponse<String> response = catalog.put("/api/v1/contracts/bad", broken, OLIVIA);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(pointers(new JsonObject(response.body()))).containsExactlyInAnyOrder("/version", "/schema/0/properties/2/logicalType");
    assertThat(catalog.get("/api/v1/contracts/bad", OLIVIA).statusCode()).isEqualTo(404);
    assertThat(catalog.put("/api/v1/contracts/other", contract("bad", "orders", "1.0.0", "draft"), OLIVIA).statusCode()).isEqualTo(400);
    assertThat(catalog.put("/api/v1/contracts/bad", "schema: [unclosed", OLIVIA).statusCode()).isEqualTo(400);
  }

  @Test
  void productPortsMustNameRegisteredContractsUnlessExternal() throws Exception {
    String output = unique("out");
    String input = unique("in");
    String id = unique("orders-p");

    HttpResponse<String> unknown = catalog.put("/api/v1/products/" + id, product(id, output, input, false), OLIVIA);
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(pointers(new JsonObject(unknown.body()))).containsExactlyInAnyOrder("/outputPorts/0/contractId", "/inputPorts/0/contractId");

    assertThat(catalog.put("/api/v1/contracts/" + output, contract(output, "orders", "1.0.0", "draft"), OLIVIA).statusCode()).isEqualTo(201);
    HttpResponse<String> external = catalog.put("/api/v1/products/" + id, product(id, output, input, true), OLIVIA);
    assertThat(external.statusCode()).as(external.body()).isEqualTo(201);
  }

  @Test
  void oversizedBodiesAre413() throws Exception {
    String huge = contract("big", "orders", "1.0.0", "draft") + "x-padding: \"" + "a".repeat(1024 * 1024) + "\"\n";
    HttpResponse<String> response = catalog.put("/api/v1/contracts/big", huge, OLIVIA);
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  static List<String> pointers(JsonObject problem) {
    JsonArray errors = problem.getJsonArray("errors");
    return errors.stream().map(e -> ((JsonObject) e).getString("pointer")).toList();
  }
}
