package io.meshwork.node;

import io.meshwork.catalog.CatalogSettings;
import io.meshwork.identity.KeycloakAdminCredentials;
import io.meshwork.identity.realm.PasswordGrant;
import io.meshwork.identity.realm.RealmProvisioner;
import io.meshwork.identity.realm.RealmSettings;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.GroupRepresentation;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * One mesh for an integration test class (of this module, and of modules that drive the node
 * from outside, like the CLI's): a throwaway realm in the test Keycloak (realm as code,
 * demo users), a node on a free port with its embedded MongoDB-wire store in a temp home, ready
 * (keys loaded), and small HTTP helpers that call it with a demo user's token.
 */
public final class TestMesh implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public final String keycloakUrl;
  public final String realm;
  /** The running node; {@link #restartNode()} replaces it. */
  public volatile MeshNode node;
  private final NodeConfig config;
  private final RealmProvisioner provisioner;
  private final PasswordGrant grant;

  private TestMesh(String keycloakUrl, String realm, RealmProvisioner provisioner, MeshNode node, NodeConfig config, PasswordGrant grant) {
    this.keycloakUrl = keycloakUrl;
    this.realm = realm;
    this.provisioner = provisioner;
    this.node = node;
    this.config = config;
    this.grant = grant;
  }

  public static TestMesh start(String realmPrefix) throws Exception {
    return start(realmPrefix, false, CatalogSettings.bare());
  }

  /** A mesh whose node configuration the test adjusts (e.g. data-plane timers and file roots). */
  public static TestMesh start(String realmPrefix, UnaryOperator<NodeConfig> configure) throws Exception {
    return start(realmPrefix, false, CatalogSettings.bare(), configure);
  }

  /** A mesh whose node administers its realm (the identity API) through the realm's admin client. */
  public static TestMesh startWithIdentityAdministration(String realmPrefix) throws Exception {
    return start(realmPrefix, true, CatalogSettings.bare());
  }

  /**
   * A mesh whose catalog seeds the default governance rules, as a production node does (other
   * meshes start without them, so tests of other features may register minimal descriptors).
   */
  public static TestMesh startWithDefaultGovernance(String realmPrefix) throws Exception {
    CatalogSettings bare = CatalogSettings.bare();
    return start(realmPrefix, false, new CatalogSettings(true, bare.webhookFirstRetry(), bare.webhookAttempts(), bare.searchFollowEvery()));
  }

  private static TestMesh start(String realmPrefix, boolean identityAdministration, CatalogSettings catalog) throws Exception {
    return start(realmPrefix, identityAdministration, catalog, UnaryOperator.identity());
  }

  private static TestMesh start(String realmPrefix, boolean identityAdministration, CatalogSettings catalog,
      UnaryOperator<NodeConfig> configure) throws Exception {
    String keycloak = NodeItSupport.requiredEnv("MESHWORK_TEST_KEYCLOAK_URL");
    String realm = realmPrefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    RealmProvisioner provisioner = RealmProvisioner.connect(URI.create(keycloak),
        NodeItSupport.requiredEnv("MESHWORK_TEST_KEYCLOAK_ADMIN"), NodeItSupport.requiredEnv("MESHWORK_TEST_KEYCLOAK_ADMIN_PASSWORD"));
    RealmSettings settings = RealmSettings.of(realm, "portal-secret-" + UUID.randomUUID(), List.of("http://127.0.0.1:18080"), true);
    Optional<KeycloakAdminCredentials> admin = Optional.empty();
    if (identityAdministration) {
      String adminClientSecret = "admin-client-" + UUID.randomUUID();
      settings = settings.withAdminClientSecret(adminClientSecret);
      admin = Optional.of(KeycloakAdminCredentials.of(URI.create(keycloak), realm, adminClientSecret));
    }
    provisioner.apply(settings);
    NodeConfig config = configure.apply(new NodeConfig(Files.createTempDirectory("meshwork-" + realmPrefix), "127.0.0.1", 0, Optional.empty(),
        "meshwork", keycloak, realm, "meshwork-node", admin).withCatalog(catalog));
    MeshNode node;
    try {
      node = ReadyNode.start(config);
    } catch (Exception | AssertionError notReady) {
      provisioner.deleteRealm(realm);
      provisioner.close();
      throw notReady;
    }
    return new TestMesh(keycloak, realm, provisioner, node, config, new PasswordGrant(URI.create(keycloak), realm));
  }

  /**
   * Stops the node and starts a new one on the same configuration: the same home, so the same
   * embedded MongoDB file and domain databases (on another port).
   */
  public void restartNode() throws Exception {
    node.stop();
    node = ReadyNode.start(config);
  }

  /**
   * Puts a demo user into a top-level group (created if missing), as an admin would in Keycloak;
   * tokens issued afterwards carry it in their {@code groups} claim.
   */
  public void joinGroup(String username, String groupName) {
    try (Keycloak admin = NodeItSupport.keycloakAdmin()) {
      RealmResource realmResource = admin.realm(realm);
      String groupId = realmResource.groups().groups(groupName, true, 0, 10, true).stream()
          .filter(g -> g.getName().equals(groupName)).map(GroupRepresentation::getId).findFirst()
          .orElseGet(() -> {
            GroupRepresentation group = new GroupRepresentation();
            group.setName(groupName);
            try (Response created = realmResource.groups().add(group)) {
              return CreatedResponseUtil.getCreatedId(created);
            }
          });
      String userId = realmResource.users().searchByUsername(username, true).get(0).getId();
      realmResource.users().get(userId).joinGroup(groupId);
    }
  }

  /** An access token of a demo user (password grant through the CLI client). */
  public String token(String user) {
    return grant.accessToken(user, RealmSettings.DEMO_PASSWORD);
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + node.port() + path);
  }

  HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> call(String method, String path, String token, String contentType, String body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return send(request.build());
  }

  HttpResponse<String> postJson(String path, String token, JsonObject body) throws IOException, InterruptedException {
    return call("POST", path, token, "application/json", body.encode());
  }

  HttpResponse<String> putYaml(String path, String token, String yaml) throws IOException, InterruptedException {
    return call("PUT", path, token, "application/yaml", yaml);
  }

  HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
    return call("GET", path, token, null, null);
  }

  @Override
  public void close() {
    node.stop();
    provisioner.deleteRealm(realm);
    provisioner.close();
  }
}
