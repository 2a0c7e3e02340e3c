package io.meshwork.node;

import static io.meshwork.node.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwork.identity.KeycloakAdminCredentials;
import io.meshwork.identity.realm.PasswordGrant;
import io.meshwork.identity.realm.ProvisionReport;
import io.meshwork.identity.realm.RealmProvisioner;
import io.meshwork.identity.realm.RealmSettings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Service accounts through the node's API against the real Keycloak: created by a mesh-admin or by a
 * domain owner for their own domain, their client-credentials tokens accepted by the node with the
 * roles and domain they were given, secrets shown once, rotation, disable and enable, deletion.
 */
class ServiceAccountIT {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String BASE = "/api/v1/identity/service-accounts";
  private static URI keycloakUrl;
  private static RealmProvisioner provisioner;
  private static String realm;
  private static RealmSettings settings;
  private static MeshNode node;
  private static String ada;
  private static String olivia;
  private static String carlos;

  @BeforeAll
  static void start() throws Exception {
    keycloakUrl = URI.create(NodeItSupport.requiredEnv("MESHWORK_TEST_KEYCLOAK_URL"));
    String adminUser = NodeItSupport.requiredEnv("MESHWORK_TEST_KEYCLOAK_ADMIN");
    String adminPassword = NodeItSupport.requiredEnv("MESHWORK_TEST_KEYCLOAK_ADMIN_PASSWORD");
    provisioner = RealmProvisioner.connect(keycloakUrl, adminUser, adminPassword);
    realm = "sa-it-" + UUID.randomUUID().toString().substring(0, 8);
    // the node administers the realm through the realm's own admin client, not Keycloak's master admin
    String adminClientSecret = "admin-client-" + UUID.randomUUID();
    settings = RealmSettings.of(realm, "portal-secret-" + realm, List.of("http://127.0.0.1:18080"), true)
        .withAdminClientSecret(adminClientSecret);
    provisioner.apply(settings);

    NodeConfig config = new NodeConfig(Files.createTempDirectory("meshwork-sa-it"), "127.0.0.1", 0, Optional.empty(),
        "meshwork", keycloakUrl.toString(), realm, RealmSettings.DEFAULT_NODE_AUDIENCE,
        Optional.of(KeycloakAdminCredentials.of(keycloakUrl, realm, adminClientSecret)));
    assertThat(config.toString()).doesNotContain(adminClientSecret);
    node = ReadyNode.start(config);

    PasswordGrant grant = new PasswordGrant(keycloakUrl, realm);
    ada = grant.accessToken("ada", RealmSettings.DEMO_PASSWORD);
    olivia = grant.accessToken("olivia", RealmSettings.DEMO_PASSWORD);
    carlos = grant.accessToken("carlos", RealmSettings.DEMO_PASSWORD);
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.stop();
    }
    if (provisioner != null) {
      provisioner.deleteRealm(realm);
      provisioner.close();
    }
  }

  @Test
  void theAdminClientIsPartOfTheRealmAsCode() {
    ProvisionReport again = provisioner.apply(settings);
    assertThat(again.created()).isEmpty();
    assertThat(again.updated()).isEmpty();
  }

  @Test
  void anOrdersServiceAccountWritesOrdersProductsAndNothingElse() throws Exception {
    JsonObject created = created(post(BASE, ada, new JsonObject().put("domain", "orders").put("name", unique("loader"))
        .put("roles", new JsonArray().add("domain-owner")).put("description", "nightly orders load")));
    assertThat(created.getString("id")).startsWith("sa-orders-loader-");
    assertThat(created.getString("tokenEndpoint")).isEqualTo(keycloakUrl + "/realms/" + realm + "/protocol/openid-connect/token");

    String token = clientCredentials(created.getString("clientId"), created.getString("secret")).body()
        .getString("access_token");
    JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    assertThat(claims.getJsonArray("groups").getList()).containsExactly("/domains/orders");
    assertThat(claims.getJsonObject("realm_access").getJsonArray("roles").getList()).contains("domain-owner").doesNotContain("mesh-admin");

    String orders = "orders-sa-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(putProduct(orders, "orders", token).statusCode()).isEqualTo(201);
    String products = "products-sa-" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> elsewhere = putProduct(products, "products", token);
    assertThat(elsewhere.statusCode()).as(elsewhere.body()).isEqualTo(403);
  }

  @Test
  void theSecretIsShownOnceAndRotationReplacesIt() throws Exception {
    JsonObject created = created(post(BASE, ada, request("orders", unique("export"), "data-consumer")));
    String id = created.getString("id");
    String first = created.getString("secret");

    HttpResponse<String> read = send(get(BASE + "/" + id, ada));
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(read.body()).containsKey("secret")).isFalse();
    assertThat(read.body()).doesNotContain(first);
    assertThat(new JsonObject(read.body()).getJsonArray("roles").getList()).containsExactly("data-consumer");
    assertThat(send(get(BASE, ada)).body()).contains(id).doesNotContain(first);

    HttpResponse<String> rotated = send(post(BASE + "/" + id + "/rotate", ada, null));
    assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
    assertThat(rotated.headers().firstValue("Cache-Control")).hasValue("no-store");
    String second = new JsonObject(rotated.body()).getString("secret");
    assertThat(second).isNotBlank().isNotEqualTo(first);
    assertThat(clientCredentials(id, first).status()).as("old secret").isEqualTo(401);
    assertThat(clientCredentials(id, second).status()).as("new secret").isEqualTo(200);
  }

  @Test
  void aDisabledAccountGetsNoTokensUntilEnabledAgain() throws Exception {
    JsonObject created = created(post(BASE, olivia, request("orders", unique("pipeline"), "domain-owner")));
    String id = created.getString("id");
    String secret = created.getString("secret");

    HttpResponse<String> disabled = send(post(BASE + "/" + id + "/disable", olivia, null));
    assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
    assertThat(new JsonObject(disabled.body()).getBoolean("enabled")).isFalse();
    assertThat(clientCredentials(id, secret).status()).isNotEqualTo(200);

    HttpResponse<String> enabled = send(post(BASE + "/" + id + "/enable", olivia, null));
    assertThat(new JsonObject(enabled.body()).getBoolean("enabled")).isTrue();
    assertThat(clientCredentials(id, secret).status()).isEqualTo(200);
  }

  @Test
  void aDeletedAccountLeavesTheListAndItsSecretGetsNoTokens() throws Exception {
    JsonObject created = created(post(BASE, ada, request("products", unique("retired"), "data-consumer")));
    String id = created.getString("id");
    String secret = created.getString("secret");
    assertThat(clientCredentials(id, secret).status()).isEqualTo(200);

    assertProblem(send(delete(BASE + "/" + id, olivia)), 403);
    assertProblem(send(delete(BASE + "/" + id, carlos)), 403);
    assertProblem(send(delete(BASE + "/" + id, null)), 401);
    assertThat(ids(send(get(BASE, ada)))).as("refused deletions change nothing").contains(id);

    HttpResponse<String> deleted = send(delete(BASE + "/" + id, ada));
    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
    assertThat(clientCredentials(id, secret).status()).as("the deleted account's secret").isEqualTo(401);
    assertThat(ids(send(get(BASE, ada)))).doesNotContain(id);
    assertProblem(send(get(BASE + "/" + id, ada)), 404);
    assertProblem(send(delete(BASE + "/" + id, ada)), 404);
    assertProblem(send(delete(BASE + "/sa-orders-does-not-exist", ada)), 404);
    assertProblem(send(delete(BASE + "/meshwork-portal", ada)), 404);
  }

  @Test
  void aDomainOwnerManagesOnlyTheirOwnDomain() throws Exception {
    assertProblem(send(post(BASE, olivia, request("products", unique("x"), "domain-owner"))), 403);
    String leads = created(post(BASE, ada, request("leads", unique("scorer"), "data-consumer"))).getString("id");
    String orders = created(post(BASE, olivia, request("orders", unique("own"), "data-consumer"))).getString("id");

    Set<String> visible = ids(send(get(BASE, olivia)));
    assertThat(visible).contains(orders).doesNotContain(leads);
    assertThat(ids(send(get(BASE, ada)))).contains(orders, leads);
    assertProblem(send(get(BASE + "/" + leads, olivia)), 403);
    assertProblem(send(post(BASE + "/" + leads + "/rotate", olivia, null)), 403);
    assertProblem(send(post(BASE + "/" + leads + "/disable", olivia, null)), 403);
  }

  @Test
  void consumersMayNotManageServiceAccounts() throws Exception {
    assertProblem(send(post(BASE, carlos, request("orders", unique("c"), "data-consumer"))), 403);
    assertProblem(send(get(BASE, carlos)), 403);
    assertProblem(send(get(BASE, null)), 401);
  }

  @Test
  void invalidRequestsNameEveryViolation() throws Exception {
    JsonObject body = new JsonObject().put("domain", "Orders!").put("roles", new JsonArray().add("mesh-admin").add("sre"))
        .put("colour", "blue");
    JsonObject problem = assertProblem(send(post(BASE, ada, body)), 400);
    Set<String> pointers = new HashSet<>();
    problem.getJsonArray("errors").forEach(e -> pointers.add(((JsonObject) e).getString("pointer")));
    assertThat(pointers).containsExactlyInAnyOrder("/domain", "/name", "/roles/0", "/colour");

    assertProblem(send(HttpRequest.newBuilder(uri(BASE)).header("Authorization", "Bearer " + ada)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{ nope")).build()), 400);
    JsonObject unknownDomain = assertProblem(send(post(BASE, ada, request("atlantis", "x", "sre"))), 400);
    assertThat(unknownDomain.getJsonArray("errors").getJsonObject(0).getString("pointer")).isEqualTo("/domain");
    assertProblem(send(get(BASE + "/sa-orders-does-not-exist", ada)), 404);
    assertProblem(send(get(BASE + "/meshwork-portal", ada)), 404);
  }

  @Test
  void theSameDomainAndNameTwiceIsAConflict() throws Exception {
    JsonObject request = request("orders", unique("dup"), "data-consumer");
    created(post(BASE, ada, request));
    assertProblem(send(post(BASE, ada, request)), 409);
  }

  @Test
  void aNodeWithoutAdminCredentialsAnswers503() throws Exception {
    NodeConfig plain = new NodeConfig(Files.createTempDirectory("meshwork-sa-plain"), "127.0.0.1", 0, Optional.empty(),
        "meshwork", keycloakUrl.toString(), realm, RealmSettings.DEFAULT_NODE_AUDIENCE);
    MeshNode without = ReadyNode.start(plain);
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + without.port() + BASE))
          .header("Authorization", "Bearer " + ada).build(), HttpResponse.BodyHandlers.ofString());
      assertProblem(response, 503);
    } finally {
      without.stop();
    }
  }

  // --- helpers ---

  private static JsonObject request(String domain, String name, String role) {
    return new JsonObject().put("domain", domain).put("name", name).put("roles", new JsonArray().add(role));
  }

  private static String unique(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 6);
  }

  private static JsonObject created(HttpRequest request) throws Exception {
    HttpResponse<String> response = send(request);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonObject body = new JsonObject(response.body());
    assertThat(response.headers().firstValue("Location")).hasValue(BASE + "/" + body.getString("id"));
    assertThat(body.getString("secret")).isNotBlank();
    return body;
  }

  private static Set<String> ids(HttpResponse<String> list) {
    assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
    Set<String> ids = new HashSet<>();
    new JsonObject(list.body()).getJsonArray("items").forEach(i -> ids.add(((JsonObject) i).getString("id")));
    return ids;
  }

  private record TokenAnswer(int status, JsonObject body) {}

  private static TokenAnswer clientCredentials(String clientId, String secret) throws Exception {
    String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
        + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
            URI.create(keycloakUrl + "/realms/" + realm + "/protocol/openid-connect/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    return new TokenAnswer(response.statusCode(), new JsonObject(response.body()));
  }

  private static HttpResponse<String> putProduct(String id, String domain, String token) throws Exception {
    String yaml = DraftProduct.yaml(id, domain, "Registered by a service account");
    return send(HttpRequest.newBuilder(uri("/api/v1/products/" + id)).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/yaml").PUT(HttpRequest.BodyPublishers.ofString(yaml)).build());
  }

  private static HttpRequest post(String path, String token, JsonObject body) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder.build();
  }

  private static HttpRequest delete(String path, String token) {
    return as(token, HttpRequest.newBuilder(uri(path)).DELETE());
  }

  private static HttpRequest get(String path, String token) {
    return as(token, HttpRequest.newBuilder(uri(path)));
  }

  /** The request with the caller's token; none for a null one. */
  private static HttpRequest as(String token, HttpRequest.Builder builder) {
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder.build();
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + node.port() + path);
  }

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
