package io.meshwork.node;

import static io.meshwork.node.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.meshwork.runtime.mongo.EmbeddedMongo;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.util.Optional;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Catalog search on the running node: ranking (exact name ≫ column ≫ description), typos,
 * highlights, facets and filters, drafts only for their domain, and a registration searchable the
 * moment its PUT answers.
 */
class SearchIT {

  private static TestMesh mesh;
  private static String olivia;
  private static String carlos;
  private static String ada;

  @BeforeAll
  static void startMesh() throws Exception {
    mesh = TestMesh.start("search-it");
    olivia = mesh.token("olivia");
    carlos = mesh.token("carlos");
    ada = mesh.token("ada");
    put("contracts", "zebra-plain-v1", olivia, contract("zebra-plain-v1", "orders", "amount", "Line amount.", null));
    put("contracts", "zebra-counts-v1", olivia, contract("zebra-counts-v1", "orders", "zebra_count", "How many were seen.", null));
    put("contracts", "customers-v1", olivia, contract("customers-v1", "orders", "customer_email", "Who ordered.", "confidential"));
    put("products", "zebra-sightings", olivia, product("zebra-sightings", "Zebra sightings", "orders", "active",
        "Every sighting of a herd.", "[wildlife, daily]", "zebra-plain-v1", "tables"));
    put("products", "herd-counts", olivia, product("herd-counts", "Herd counts", "orders", "active",
        "Counts per herd and day.", "[wildlife]", "zebra-counts-v1", "files"));
    put("products", "savanna-report", olivia, product("savanna-report", "Savanna report", "orders", "active",
        "Weekly report on antelopes and zebras of the savanna.", "[reports]", "zebra-plain-v1", "tables"));
    put("products", "customer-orders", olivia, product("customer-orders", "Customer orders", "orders", "draft",
        "Orders with who placed them.", "[sales]", "customers-v1", "tables"));
    put("contracts", "leads-v1", ada, contract("leads-v1", "leads", "lead_id", "The lead.", null));
    put("products", "lead-pipeline", ada, product("lead-pipeline", "Lead pipeline", "leads", "draft",
        "Leads before scoring.", "[sales]", "leads-v1", "tables"));
  }

  @AfterAll
  static void stopMesh() {
    if (mesh != null) {
      mesh.close();
    }
  }

  @Test
  void anExactNameRanksAboveAColumnAboveADescriptionAndMatchesAreHighlighted() throws Exception {
    JsonObject result = search("zebra", carlos);
    assertThat(ids(result)).containsExactly("zebra-sightings", "herd-counts", "savanna-report");
    JsonObject first = item(result, 0);
    assertThat(first.getJsonObject("highlights").getString("name")).isEqualTo("<em>Zebra</em> sightings");
    assertThat(item(result, 1).getJsonObject("highlights").getString("columns")).contains("<em>zebra</em>_count");
    assertThat(item(result, 2).getJsonObject("highlights").getString("description")).contains("<em>zebras</em>");

    assertThat(ids(search("Zebra sightings", carlos)).get(0)).isEqualTo("zebra-sightings");
    assertThat(ids(search("herd counts", carlos)).get(0)).isEqualTo("herd-counts");
  }

  @Test
  void typosAndPrefixesStillFind() throws Exception {
    assertThat(ids(search("zebar", carlos))).contains("zebra-sightings", "herd-counts");
    assertThat(ids(search("savana", carlos))).containsExactly("savanna-report");
    assertThat(ids(search("sight", carlos))).containsExactly("zebra-sightings");
  }

  @Test
  void facetsCountEveryHitAndFiltersNarrow() throws Exception {
    JsonObject wildlife = get("/api/v1/search?tag=wildlife", carlos);
    assertThat(wildlife.getLong("total")).isEqualTo(2);
    assertThat(count(wildlife, "domain", "orders")).isEqualTo(2);
    assertThat(count(wildlife, "tag", "wildlife")).isEqualTo(2);
    assertThat(count(wildlife, "tag", "daily")).isEqualTo(1);
    assertThat(count(wildlife, "portType", "files")).isEqualTo(1);
    assertThat(count(wildlife, "status", "active")).isEqualTo(2);
    assertThat(count(wildlife, "owner", "Orders team")).isEqualTo(2);

    assertThat(ids(get("/api/v1/search?tag=wildlife&portType=tables", carlos))).containsExactly("zebra-sightings");
    assertThat(ids(get("/api/v1/search?q=zebra&tag=reports", carlos))).containsExactly("savanna-report");
    assertThat(ids(get("/api/v1/search?classification=confidential", olivia))).containsExactly("customer-orders");
    JsonObject paged = get("/api/v1/search?tag=wildlife&size=1&page=2", carlos);
    assertThat(paged.getLong("total")).isEqualTo(2);
    assertThat(ids(paged)).containsExactly(ids(wildlife).get(1));
    assertProblem(mesh.get("/api/v1/search?size=1000", carlos), 400);
    assertProblem(mesh.get("/api/v1/search?q=x", null), 401);
  }

  @Test
  void draftsAreFoundOnlyByTheirDomainAndMeshAdmins() throws Exception {
    assertThat(ids(search("orders", carlos))).doesNotContain("customer-orders");
    assertThat(ids(search("customer", olivia))).contains("customer-orders");
    assertThat(ids(search("lead", olivia))).doesNotContain("lead-pipeline");
    assertThat(ids(search("lead", ada))).contains("lead-pipeline");
    assertThat(count(search("", ada), "status", "draft")).isEqualTo(2);
  }

  @Test
  void aRegistrationIsSearchableWhenItsPutAnswersAndAContractChangeReachesItsProducts() throws Exception {
    put("contracts", "okapi-v1", olivia, contract("okapi-v1", "orders", "stripe_id", "The stripes.", null));
    put("products", "okapi-watch", olivia, product("okapi-watch", "Okapi watch", "orders", "active", "Rare animals.", "[rare]",
        "okapi-v1", "tables"));
    assertThat(ids(search("okapi", carlos))).containsExactly("okapi-watch");

    put("products", "okapi-watch", olivia, product("okapi-watch", "Forest giraffes", "orders", "active", "Rare animals.", "[rare]",
        "okapi-v1", "tables"));
    assertThat(ids(search("giraffes", carlos))).containsExactly("okapi-watch");

    put("contracts", "okapi-v1", olivia, contract("okapi-v1", "orders", "stripe_id", "The stripes.", null)
        .replace("version: 1.0.0", "version: 1.1.0") + "      - name: ossicone_length\n        logicalType: number\n");
    assertThat(ids(search("ossicone", carlos))).containsExactly("okapi-watch");
  }

  @Test
  void aRegistrationOnOneNodeIsFoundOnAnotherNodeOfTheMesh() throws Exception {
    try (EmbeddedMongo shared = EmbeddedMongo.inMemory("127.0.0.1")) {
      MeshNode first = startNode(shared);
      MeshNode second = startNode(shared);
      try {
        HttpResponse<String> contract = send(first, "PUT", "/api/v1/contracts/wombat-v1", contract("wombat-v1", "orders", "burrow_depth", "Depth.", null));
        assertThat(contract.statusCode()).as(contract.body()).isEqualTo(201);
        HttpResponse<String> product = send(first, "PUT", "/api/v1/products/wombat-burrows", product("wombat-burrows", "Wombat burrows",
            "orders", "active", "Burrows of wombats.", "[wildlife]", "wombat-v1", "tables"));
        assertThat(product.statusCode()).as(product.body()).isEqualTo(201);

        // the second node learns of it from the event feed in the shared store
        long deadline = System.currentTimeMillis() + 15_000;
        List<String> found = List.of();
        while (found.isEmpty() && System.currentTimeMillis() < deadline) {
          found = ids(new JsonObject(send(second, "GET", "/api/v1/search?q=wombat", null).body()));
          Thread.sleep(200);
        }
        assertThat(found).containsExactly("wombat-burrows");
      } finally {
        first.stop();
        second.stop();
      }
    }
  }

  // --- helpers ---

  private static MeshNode startNode(EmbeddedMongo store) throws Exception {
    NodeConfig config = new NodeConfig(Files.createTempDirectory("meshwork-search-node"), "127.0.0.1", 0, Optional.of(store.connectionString()),
        "meshwork", mesh.keycloakUrl, mesh.realm, "meshwork-node");
    return ReadyNode.start(config);
  }

  private static HttpResponse<String> send(MeshNode node, String method, String path, String yaml) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path))
        .header("Authorization", "Bearer " + olivia)
        .method(method, yaml == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(yaml));
    if (yaml != null) {
      request.header("Content-Type", "application/yaml");
    }
    return mesh.send(request.build());
  }

  private static JsonObject search(String q, String token) throws Exception {
    return get("/api/v1/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8), token);
  }

  private static JsonObject get(String path, String token) throws Exception {
    HttpResponse<String> response = mesh.get(path, token);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new JsonObject(response.body());
  }

  private static List<String> ids(JsonObject result) {
    return result.getJsonArray("items").stream().map(i -> ((JsonObject) i).getString("id")).toList();
  }

  private static JsonObject item(JsonObject result, int index) {
    return result.getJsonArray("items").getJsonObject(index);
  }

  private static int count(JsonObject result, String facet, String value) {
    JsonArray values = result.getJsonObject("facets").getJsonArray(facet);
    return values.stream().map(v -> (JsonObject) v).filter(v -> v.getString("value").equals(value)).findFirst()
        .map(v -> v.getInteger("count")).orElse(0);
  }

  private static void put(String kind, String id, String token, String yaml) throws Exception {
    HttpResponse<String> answer = mesh.putYaml("/api/v1/" + kind + "/" + id, token, yaml);
    assertThat(answer.statusCode()).as("PUT %s: %s", id, answer.body()).isBetween(200, 201);
  }

  private static String contract(String id, String domain, String column, String description, String classification) {
    return """
        apiVersion: v3.1.0
        kind: DataContract
        id: %s
        version: 1.0.0
        status: active
        domain: %s
        schema:
          - name: rows
            properties:
              - name: %s
                logicalType: string
                description: %s
        %s""".formatted(id, domain, column, description, classification == null ? "" : "        classification: " + classification + "\n");
  }

  private static String product(String id, String name, String domain, String status, String purpose, String tags, String contractId,
      String portType) {
    return """
        apiVersion: v1.0.0
        kind: DataProduct
        id: %s
        name: %s
        status: %s
        domain: %s
        description:
          purpose: %s
        tags: %s
        team:
          name: %s
        outputPorts:
          - name: rows
            type: %s
            version: 1.0.0
            contractId: %s
        """.formatted(id, name, status, domain, purpose, tags, domain.equals("orders") ? "Orders team" : "Leads team", portType, contractId);
  }
}
