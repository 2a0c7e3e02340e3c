package io.meshwork.node;

import static io.meshwork.node.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.identity.realm.PasswordGrant;
import io.meshwork.identity.realm.RealmProvisioner;
import io.meshwork.identity.realm.RealmSettings;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.meshwork.model.document.DocumentFormat;
import io.meshwork.runtime.mongo.EmbeddedMongo;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The mesh node end to end with real components: a real Keycloak (started once per test run by
 * {@code ./meshwork test}) with a throwaway realm provisioned from the realm-as-code definition,
 * the node on a free port, and its default embedded MongoDB-wire server on an H2 file in a temp
 * home.
 */
class NodeIT {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static String realm;
  private static RealmProvisioner provisioner;
  private static Path home;
  private static NodeConfig config;
  private static MeshNode node;
  private static String olivia;
  private static String carlos;
  private static String ada;

  @BeforeAll
  static void startMesh() throws Exception {
    String keycloak = requiredEnv("MESHWORK_TEST_KEYCLOAK_URL");
    realm = "node-it-" + UUID.randomUUID().toString().substring(0, 8);
    provisioner = RealmProvisioner.connect(URI.create(keycloak),
        requiredEnv("MESHWORK_TEST_KEYCLOAK_ADMIN"), requiredEnv("MESHWORK_TEST_KEYCLOAK_ADMIN_PASSWORD"));
    provisioner.apply(RealmSettings.of(realm, "portal-secret-" + UUID.randomUUID(), List.of("http://127.0.0.1:18080"), true));

    home = Files.createTempDirectory("meshwork-node-it");
    config = new NodeConfig(home, "127.0.0.1", 0, Optional.empty(), "meshwork", keycloak, realm, "meshwork-node");
    node = startNode();

    PasswordGrant grant = new PasswordGrant(URI.create(keycloak), realm);
    olivia = grant.accessToken("olivia", RealmSettings.DEMO_PASSWORD);
    carlos = grant.accessToken("carlos", RealmSettings.DEMO_PASSWORD);
    ada = grant.accessToken("ada", RealmSettings.DEMO_PASSWORD);
    // the test products' output port names this contract: it must be registered first
    assertThat(send(putContract(node, ada)).statusCode()).isEqualTo(201);
  }

  @AfterAll
  static void stopMesh() {
    if (node != null) {
      node.stop();
    }
    if (provisioner != null) {
      provisioner.deleteRealm(realm);
      provisioner.close();
    }
  }

  private static MeshNode startNode() throws Exception {
    return startNode(config);
  }

  /** Starts a node and waits until it is ready (MongoDB answers, the realm's keys are loaded). */
  private static MeshNode startNode(NodeConfig config) throws Exception {
    MeshNode started = MeshNode.start(config).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    long deadline = System.currentTimeMillis() + 60_000;
    while (send(get(started, "/health/ready", null)).statusCode() != 200) {
      assertThat(System.currentTimeMillis()).as("node ready within 60 s").isLessThan(deadline);
      Thread.sleep(250);
    }
    return started;
  }

  @Test
  void refusesRequestsWithoutAValidToken() throws Exception {
    HttpResponse<String> none = send(get("/api/v1/products", null));
    assertProblem(none, 401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));

    assertProblem(send(get("/api/v1/products", "not-a-jwt")), 401);
    String tampered = olivia.substring(0, olivia.length() - 4) + (olivia.endsWith("AAAA") ? "BBBB" : "AAAA");
    assertProblem(send(get("/api/v1/products", tampered)), 401);
  }

  @Test
  void aConsumerMayNotRegisterProducts() throws Exception {
    HttpResponse<String> response = send(put(product("orders"), "application/yaml", carlos));
    assertProblem(response, 403);
  }

  @Test
  void aDomainOwnerRegistersIdempotently() throws Exception {
    String id = "orders-it-" + UUID.randomUUID().toString().substring(0, 8);
    String yaml = descriptor(id, "orders");

    HttpResponse<String> first = send(put(id, yaml, "application/yaml", olivia));
    HttpResponse<String> second = send(put(id, yaml, "application/yaml", olivia));

    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
    JsonObject page = new JsonObject(send(get("/api/v1/products?limit=500", carlos)).body());
    long copies = page.getJsonArray("items").stream().filter(p -> ((JsonObject) p).getString("id").equals(id)).count();
    assertThat(copies).isEqualTo(1);
  }

  @Test
  void aDomainOwnerMayNotRegisterInAnotherDomain() throws Exception {
    assertProblem(send(put(product("products"), "application/yaml", olivia)), 403);
  }

  @Test
  void anAdminMayRegisterInAnyDomain() throws Exception {
    assertThat(send(put(product("leads"), "application/yaml", ada)).statusCode()).isEqualTo(201);
  }

  @Test
  void yamlAndJsonRoundTripsAreEqualAndKeepUnknownFields() throws Exception {
    String id = "orders-rt-" + UUID.randomUUID().toString().substring(0, 8);
    String yaml = descriptor(id, "orders");
    assertThat(send(put(id, yaml, "application/yaml", olivia)).statusCode()).isEqualTo(201);

    JsonNode submitted = DocumentFormat.YAML.read(yaml.getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> asJson = send(get("/api/v1/products/" + id, olivia));
    HttpResponse<String> asYaml = send(HttpRequest.newBuilder(uri("/api/v1/products/" + id))
        .header("Authorization", "Bearer " + olivia).header("Accept", "application/yaml").build());

    assertThat(asJson.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(asYaml.headers().firstValue("Content-Type")).hasValue("application/yaml");
    assertThat(DocumentFormat.JSON.read(asJson.body().getBytes(StandardCharsets.UTF_8))).isEqualTo(submitted);
    assertThat(DocumentFormat.YAML.read(asYaml.body().getBytes(StandardCharsets.UTF_8))).isEqualTo(submitted);
    assertThat(submitted.at("/x-team-notes/reviewed").asBoolean()).isTrue();

    // and back: the JSON we got, PUT as JSON, is the same product (200, unchanged)
    assertThat(send(put(id, asJson.body(), "application/json", olivia)).statusCode()).isEqualTo(200);
  }

  @Test
  void aBrokenDescriptorNamesEveryBadField() throws Exception {
    String broken = """
        apiVersion: v1.0.0
        kind: DataProduct
        id: orders-broken
        status: finished
        domain: orders
        tags: sales
        outputPorts:
          - type: tables
        """;
    HttpResponse<String> response = send(put("orders-broken", broken, "application/yaml", olivia));

    JsonObject problem = assertProblem(response, 400);
    Set<String> pointers = new HashSet<>();
    problem.getJsonArray("errors").forEach(e -> pointers.add(((JsonObject) e).getString("pointer")));
    assertThat(pointers).containsExactlyInAnyOrder("/status", "/tags", "/outputPorts/0/name", "/outputPorts/0/version");
    assertProblem(send(get("/api/v1/products/orders-broken", olivia)), 404);
  }

  @Test
  void unparsableBodiesAndMismatchedIdsAreClearErrors() throws Exception {
    JsonObject syntax = assertProblem(send(put("orders-x", "{ not json", "application/json", olivia)), 400);
    assertThat(syntax.getJsonArray("errors").getJsonObject(0).getString("reason")).startsWith("not valid JSON");
    JsonObject mismatch = assertProblem(send(put("other-id", descriptor("orders-x", "orders"), "application/yaml", olivia)), 400);
    assertThat(mismatch.getJsonArray("errors").getJsonObject(0).getString("pointer")).isEqualTo("/id");
    assertProblem(send(get("/api/v1/products?limit=100000", olivia)), 400);
  }

  @Test
  void theTraceIdOfTheCallerAppearsInProblems() throws Exception {
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/products/nope"))
        .header("Authorization", "Bearer " + carlos)
        .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").build());
    assertThat(assertProblem(response, 404).getString("traceId")).isEqualTo(traceId);
    // without a traceparent the node starts a trace of its own
    assertThat(assertProblem(send(get("/api/v1/products/nope", carlos)), 404).getString("traceId")).matches("[0-9a-f]{32}");
  }

  @Test
  void healthOpenApiAndMetricsNeedNoToken() throws Exception {
    assertThat(send(get("/health/live", null)).statusCode()).isEqualTo(200);
    JsonObject ready = new JsonObject(send(get("/health/ready", null)).body());
    assertThat(ready.getJsonObject("checks").getMap()).containsEntry("mongo", "UP").containsEntry("identity", "UP");

    HttpResponse<String> metrics = send(get("/metrics", null));
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("vertx_http_server_requests_total");

    JsonObject openApi = new JsonObject(send(get("/openapi.json", null)).body());
    assertThat(openApi.getString("openapi")).startsWith("3.1");
    JsonObject paths = openApi.getJsonObject("paths");
    node.router().getRoutes().stream()
        .filter(route -> route.getPath() != null && !route.getPath().endsWith("/") && route.methods() != null)
        .forEach(route -> {
          String path = route.getPath().replaceAll(":([A-Za-z]+)", "{$1}");
          assertThat(paths.containsKey(path)).as("OpenAPI documents " + path).isTrue();
          route.methods().forEach(m -> assertThat(paths.getJsonObject(path).containsKey(m.name().toLowerCase()))
              .as("OpenAPI documents " + m + " " + path).isTrue());
        });
  }

  @Test
  void productsSurviveARestartOfTheEmbeddedStore() throws Exception {
    String id = "orders-durable-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(send(put(id, descriptor(id, "orders"), "application/yaml", olivia)).statusCode()).isEqualTo(201);

    node.stop();
    node = startNode();

    assertThat(send(get("/api/v1/products/" + id, olivia)).statusCode()).isEqualTo(200);
  }

  @Test
  void usesTheMongoDbNamedByTheUri() throws Exception {
    try (EmbeddedMongo external = EmbeddedMongo.inMemory("127.0.0.1");
        MongoClient direct = MongoClients.create(external.connectionString())) {
      NodeConfig withUri = new NodeConfig(Files.createTempDirectory("meshwork-node-uri"), "127.0.0.1", 0,
          Optional.of(external.connectionString()), "elsewhere", config.keycloakUrl(), realm, "meshwork-node");
      MeshNode second = startNode(withUri);
      try {
        assertThat(send(putContract(second, ada)).statusCode()).isEqualTo(201);
        String id = "orders-uri-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + second.port() + "/api/v1/products/" + id))
            .header("Authorization", "Bearer " + olivia).header("Content-Type", "application/yaml")
            .PUT(HttpRequest.BodyPublishers.ofString(descriptor(id, "orders"))).build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        Document stored = Mono.from(direct.getDatabase("elsewhere").getCollection("products").find(new Document("_id", id)).first())
            .block(Duration.ofSeconds(10));
        assertThat(stored).isNotNull();
        assertThat(stored.getString("domain")).isEqualTo("orders");
        assertThat(Files.exists(withUri.home().resolve("mongo"))).as("no embedded store when a URI is given").isFalse();
      } finally {
        second.stop();
      }
    }
  }

  // --- helpers ---

  private static String product(String domain) {
    return domain + "-it-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static HttpRequest put(String id, String contentType, String token) {
    String domain = id.substring(0, id.indexOf('-'));
    return put(id, descriptor(id, domain), contentType, token);
  }

  private static HttpRequest put(String id, String body, String contentType, String token) {
    return HttpRequest.newBuilder(uri("/api/v1/products/" + id))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", contentType)
        .PUT(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static HttpRequest putContract(MeshNode target, String token) {
    String contract = """
        apiVersion: v3.1.0
        kind: DataContract
        id: rows-v1
        version: 1.0.0
        status: active
        domain: orders
        schema:
          - name: rows
            properties:
              - name: id
                logicalType: string
        """;
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.port() + "/api/v1/contracts/rows-v1"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/yaml")
        .PUT(HttpRequest.BodyPublishers.ofString(contract)).build();
  }

  private static String descriptor(String id, String domain) {
    return """
        apiVersion: v1.0.0
        kind: DataProduct
        id: %s
        name: Integration test product
        status: draft
        domain: %s
        description:
          purpose: Registered by NodeIT.
        tags: [it]
        team:
          name: Test team
        outputPorts:
          - name: rows
            type: tables
            version: 1.0.0
            contractId: rows-v1
        x-team-notes:
          reviewed: true
          by: [olivia]
        """.formatted(id, domain);
  }

  private static HttpRequest get(String path, String token) {
    return get(node, path, token);
  }

  private static HttpRequest get(MeshNode target, String path, String token) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.port() + path));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder.build();
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + node.port() + path);
  }

  private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }


  private static String requiredEnv(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(name + " is not set: run the suite with ./meshwork test, which starts a test Keycloak");
    }
    return value;
  }
}
