package io.meshwork.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwork.identity.realm.PasswordGrant;
import io.meshwork.identity.realm.RealmProvisioner;
import io.meshwork.identity.realm.RealmSettings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The identity API in the real shaded node jar, run as a process: the Keycloak admin client (RESTEasy,
 * Jackson), the discovery fetch (Vert.x web client) and the SAML metadata parser (JDK XML) beside
 * Vert.x's own Jackson — what unit and in-JVM tests cannot show, since they run on Maven's class path.
 */
class NodeJarIdentityIT {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static URI keycloakUrl;
  private static RealmProvisioner provisioner;
  private static String realm;
  private static String adminClientSecret;
  private static Process node;
  private static Path log;
  private static int port;
  private static String ada;

  @BeforeAll
  static void start() throws Exception {
    keycloakUrl = URI.create(NodeItSupport.requiredEnv("MESHWORK_TEST_KEYCLOAK_URL"));
    provisioner = RealmProvisioner.connect(keycloakUrl, NodeItSupport.requiredEnv("MESHWORK_TEST_KEYCLOAK_ADMIN"),
        NodeItSupport.requiredEnv("MESHWORK_TEST_KEYCLOAK_ADMIN_PASSWORD"));
    realm = "jar-it-" + UUID.randomUUID().toString().substring(0, 8);
    adminClientSecret = "admin-client-" + UUID.randomUUID();
    provisioner.apply(RealmSettings.of(realm, "portal-secret-" + realm, List.of("http://127.0.0.1:18080"), true)
        .withAdminClientSecret(adminClientSecret));

    assertThat(NodeJarProcess.JAR).as("the shaded node jar (built in the package phase)").exists();
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path home = Files.createTempDirectory("meshwork-jar-it");
    log = home.resolve("node.log");
    node = NodeJarProcess.start(NodeJarProcess.JAR, List.of(), Map.of("MESHWORK_HOME", home.toString(),
        "MESHWORK_HTTP_PORT", String.valueOf(port), "MESHWORK_KEYCLOAK_URL", keycloakUrl.toString(), "MESHWORK_REALM", realm,
        "MESHWORK_ADMIN_CLIENT_SECRET", adminClientSecret), port, log, Duration.ofSeconds(60));
    ada = new PasswordGrant(keycloakUrl, realm).accessToken("ada", RealmSettings.DEMO_PASSWORD);
  }

  @AfterAll
  static void stop() throws Exception {
    NodeJarProcess.stop(node, Duration.ofSeconds(20));
    if (provisioner != null) {
      provisioner.deleteRealm(realm);
      provisioner.close();
    }
  }

  @Test
  void theIdentityApiWorksInTheShadedJarAndLogsNoSecret() throws Exception {
    HttpResponse<String> account = post("/api/v1/identity/service-accounts",
        new JsonObject().put("domain", "orders").put("name", "jar").put("roles", new JsonArray().add("data-consumer")));
    assertThat(account.statusCode()).as(account.body()).isEqualTo(201);
    String secret = new JsonObject(account.body()).getString("secret");

    String issuer = keycloakUrl + "/realms/" + realm;
    HttpResponse<String> oidc = post("/api/v1/identity/providers", new JsonObject().put("alias", "acme")
        .put("discoveryUrl", issuer + "/.well-known/openid-configuration").put("clientId", "c").put("clientSecret", "jar-idp-secret"));
    assertThat(oidc.statusCode()).as(oidc.body()).isEqualTo(201);
    HttpResponse<String> saml = post("/api/v1/identity/providers", new JsonObject().put("alias", "acme-saml").put("type", "saml")
        .put("metadataUrl", issuer + "/protocol/saml/descriptor"));
    assertThat(saml.statusCode()).as(saml.body()).isEqualTo(201);

    String logged = Files.readString(log);
    assertThat(logged).doesNotContain(secret).doesNotContain("jar-idp-secret").doesNotContain(adminClientSecret);
  }

  private static HttpResponse<String> post(String path, JsonObject body) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + ada)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.encode())).build());
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
