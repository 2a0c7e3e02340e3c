package io.meshwork.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwork.identity.realm.PasswordGrant;
import io.meshwork.identity.realm.RealmProvisioner;
import io.meshwork.identity.realm.RealmSettings;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;

/**
 * How the node treats tokens (issue 3, token handling), against the real Keycloak of the test run:
 * tokens of another realm, expired tokens and tokens without the node audience are refused; a key
 * rotation in Keycloak is picked up without a restart; a node whose Keycloak becomes unreachable (a
 * TCP relay in front of it is closed) keeps accepting the tokens already issued and reports
 * identity as DEGRADED while staying ready. No mocks: the real verifier, node and Keycloak.
 */
class TokenHandlingIT {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String AUDIENCE = RealmSettings.DEFAULT_NODE_AUDIENCE;
  private static URI keycloakUrl;
  private static Keycloak admin;
  private static RealmProvisioner provisioner;
  private static String realm;
  private static String otherRealm;
  private static MeshNode node;

  @BeforeAll
  static void start() throws Exception {
    keycloakUrl = URI.create(NodeItSupport.requiredEnv("MESHWORK_TEST_KEYCLOAK_URL"));
    admin = NodeItSupport.keycloakAdmin();
    provisioner = new RealmProvisioner(admin);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    realm = "tokens-it-" + suffix;
    otherRealm = "tokens-other-" + suffix;
    provisioner.apply(RealmSettings.of(realm, "portal-secret-" + suffix, List.of("http://127.0.0.1:18080"), true));
    provisioner.apply(RealmSettings.of(otherRealm, "portal-secret-" + suffix, List.of("http://127.0.0.1:18080"), true));
    node = startNode(keycloakUrl.toString());
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.stop();
    }
    if (provisioner != null) {
      provisioner.deleteRealm(realm);
      provisioner.deleteRealm(otherRealm);
    }
    if (admin != null) {
      admin.close();
    }
  }

  @Test
  void aTokenOfTheRealmIsAccepted() throws Exception {
    assertThat(status(node, token(keycloakUrl, realm, "meshwork-cli"))).isEqualTo(200);
  }

  @Test
  void aTokenFromAnotherRealmIsRefused() throws Exception {
    String foreign = token(keycloakUrl, otherRealm, "meshwork-cli");
    assertThat(claims(foreign).getJsonArray("aud").getList()).contains(AUDIENCE);
    assertThat(status(node, foreign)).isEqualTo(401);
  }

  @Test
  void anExpiredTokenIsRefused() throws Exception {
    createPasswordClient("short-lived", true, Map.of("access.token.lifespan", "2"));
    String token = token(keycloakUrl, realm, "short-lived");
    JsonObject claims = claims(token);
    assertThat(claims.getLong("exp") - claims.getLong("iat")).isEqualTo(2);
    assertThat(status(node, token)).isEqualTo(200);
    // the verifier allows 5 s of clock skew after exp
    Thread.sleep(Duration.ofSeconds(claims.getLong("exp") + 6 - System.currentTimeMillis() / 1000).toMillis());
    assertThat(status(node, token)).isEqualTo(401);
  }

  @Test
  void aTokenWithoutTheNodeAudienceIsRefused() throws Exception {
    createPasswordClient("no-audience", false, Map.of());
    String token = token(keycloakUrl, realm, "no-audience");
    assertThat(String.valueOf(claims(token).getValue("aud"))).doesNotContain(AUDIENCE);
    assertThat(status(node, token)).isEqualTo(401);
  }

  @Test
  void aTokenSignedWithARotatedKeyIsAcceptedWithoutRestart() throws Exception {
    String before = token(keycloakUrl, realm, "meshwork-cli");
    assertThat(status(node, before)).isEqualTo(200);

    RealmResource resource = admin.realm(realm);
    ComponentRepresentation key = new ComponentRepresentation();
    key.setName("rotated-rsa-" + UUID.randomUUID().toString().substring(0, 6));
    key.setProviderId("rsa-generated");
    key.setProviderType("org.keycloak.keys.KeyProvider");
    key.setParentId(resource.toRepresentation().getId());
    MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
    config.putSingle("priority", "1000");
    config.putSingle("keySize", "2048");
    config.putSingle("active", "true");
    config.putSingle("enabled", "true");
    config.putSingle("algorithm", "RS256");
    key.setConfig(config);
    try (Response created = resource.components().add(key)) {
      assertThat(created.getStatus()).isEqualTo(201);
    }

    String after = token(keycloakUrl, realm, "meshwork-cli");
    assertThat(header(after).getString("kid")).as("new tokens are signed with the new key").isNotEqualTo(header(before).getString("kid"));
    // the node refreshes its keys on the first unknown kid, at most once per 10 s: poll up to 15 s
    long deadline = System.currentTimeMillis() + 15_000;
    int status;
    while ((status = status(node, after)) != 200 && System.currentTimeMillis() < deadline) {
      Thread.sleep(500);
    }
    assertThat(status).as("token signed with the rotated key").isEqualTo(200);
    assertThat(status(node, before)).as("older token, older key still published").isEqualTo(200);
  }

  @Test
  void whenKeycloakIsUnreachableIssuedTokensKeepWorkingAndIdentityIsDegraded() throws Exception {
    try (TcpProxy proxy = new TcpProxy(keycloakUrl)) {
      // the second node knows Keycloak only through the relay; tokens fetched through it carry its issuer
      MeshNode cutOff = startNode(proxy.uri().toString());
      try {
        String token = token(proxy.uri(), realm, "meshwork-cli");
        assertThat(status(cutOff, token)).isEqualTo(200);

        long bytes = proxy.bytesFromClients();
        for (int i = 0; i < 20; i++) {
          assertThat(status(cutOff, token)).isEqualTo(200);
        }
        assertThat(proxy.bytesFromClients()).as("no call to Keycloak per request").isEqualTo(bytes);

        proxy.close();
        JsonObject ready = null;
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
          HttpResponse<String> response = send(cutOff, "/health/ready", null);
          assertThat(response.statusCode()).as("a node that has keys stays ready: " + response.body()).isEqualTo(200);
          ready = new JsonObject(response.body());
          if (ready.getJsonObject("checks").getString("identity").startsWith("DEGRADED")) {
            break;
          }
          Thread.sleep(1_000);
        }
        assertThat(ready.getString("status")).isEqualTo("DEGRADED");
        assertThat(ready.getJsonObject("checks").getString("identity")).startsWith("DEGRADED: cannot refresh the signing keys");
        assertThat(ready.getJsonObject("checks").getString("mongo")).isEqualTo("UP");
        assertThat(status(cutOff, token)).as("issued token still accepted with Keycloak unreachable").isEqualTo(200);
        assertThat(status(cutOff, "garbage." + token.substring(token.indexOf('.') + 1))).isEqualTo(401);
      } finally {
        cutOff.stop();
      }
    }
  }

  // --- helpers ---

  private static MeshNode startNode(String keycloak) throws Exception {
    NodeConfig config = new NodeConfig(Files.createTempDirectory("meshwork-tokens-it"), "127.0.0.1", 0, Optional.empty(),
        "meshwork", keycloak, realm, AUDIENCE);
    return ReadyNode.start(config);
  }

  /** A public client with the password grant, with or without the node audience mapper. */
  private static void createPasswordClient(String clientId, boolean withAudience, Map<String, String> attributes) {
    ClientRepresentation client = new ClientRepresentation();
    client.setClientId(clientId);
    client.setPublicClient(true);
    client.setStandardFlowEnabled(false);
    client.setDirectAccessGrantsEnabled(true);
    client.setAttributes(attributes);
    if (withAudience) {
      ProtocolMapperRepresentation audience = new ProtocolMapperRepresentation();
      audience.setName("audience " + AUDIENCE);
      audience.setProtocol("openid-connect");
      audience.setProtocolMapper("oidc-audience-mapper");
      audience.setConfig(Map.of("included.client.audience", AUDIENCE, "access.token.claim", "true"));
      client.setProtocolMappers(List.of(audience));
    }
    try (Response created = admin.realm(realm).clients().create(client)) {
      assertThat(created.getStatus()).isEqualTo(201);
    }
  }

  private static String token(URI keycloak, String realmName, String clientId) {
    return new PasswordGrant(keycloak, realmName, clientId).accessToken("olivia", RealmSettings.DEMO_PASSWORD);
  }

  private static int status(MeshNode target, String token) throws Exception {
    return send(target, "/api/v1/products?limit=1", token).statusCode();
  }

  private static HttpResponse<String> send(MeshNode target, String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.port() + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonObject claims(String jwt) {
    return part(jwt, 1);
  }

  private static JsonObject header(String jwt) {
    return part(jwt, 0);
  }

  private static JsonObject part(String jwt, int index) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]), StandardCharsets.UTF_8));
  }
}
