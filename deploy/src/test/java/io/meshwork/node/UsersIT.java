package io.meshwork.node;

import static io.meshwork.node.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwork.identity.KeycloakAdminCredentials;
import io.meshwork.identity.realm.PasswordGrant;
import io.meshwork.identity.realm.RealmProvisioner;
import io.meshwork.identity.realm.RealmSettings;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Users and domain groups through the node's API against the real Keycloak: a mesh-admin searches,
 * gives roles and domain groups, disables and enables; a domain owner manages the membership of
 * their own domain only; what the API changes shows in the user's next token and drives what the
 * node allows.
 */
class UsersIT {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String USERS = "/api/v1/identity/users";
  private static URI keycloakUrl;
  private static RealmProvisioner provisioner;
  private static String realm;
  private static MeshNode node;
  private static PasswordGrant grant;
  private static String ada;
  private static String olivia;

  @BeforeAll
  static void start() throws Exception {
    keycloakUrl = URI.create(NodeItSupport.requiredEnv("MESHWORK_TEST_KEYCLOAK_URL"));
    provisioner = RealmProvisioner.connect(keycloakUrl, NodeItSupport.requiredEnv("MESHWORK_TEST_KEYCLOAK_ADMIN"),
        NodeItSupport.requiredEnv("MESHWORK_TEST_KEYCLOAK_ADMIN_PASSWORD"));
    realm = "users-it-" + UUID.randomUUID().toString().substring(0, 8);
    String adminClientSecret = "admin-client-" + UUID.randomUUID();
    provisioner.apply(RealmSettings.of(realm, "portal-secret-" + realm, List.of("http://127.0.0.1:18080"), true)
        .withAdminClientSecret(adminClientSecret));
    NodeConfig config = new NodeConfig(Files.createTempDirectory("meshwork-users-it"), "127.0.0.1", 0, Optional.empty(),
        "meshwork", keycloakUrl.toString(), realm, RealmSettings.DEFAULT_NODE_AUDIENCE,
        Optional.of(KeycloakAdminCredentials.of(keycloakUrl, realm, adminClientSecret)));
    node = startNode(config);
    grant = new PasswordGrant(keycloakUrl, realm);
    ada = token("ada");
    olivia = token("olivia");
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
  void anAdminSearchesUsersAndSeesTheirRolesAndGroups() throws Exception {
    HttpResponse<String> all = send(request("GET", USERS + "?first=0&max=2", ada));
    assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
    JsonObject page = new JsonObject(all.body());
    assertThat(page.getJsonArray("items")).hasSize(2);
    assertThat(page.getInteger("total")).isGreaterThanOrEqualTo(4);

    JsonObject found = new JsonObject(send(request("GET", USERS + "?search=olivia", ada)).body());
    assertThat(found.getJsonArray("items")).hasSize(1);
    JsonObject summary = found.getJsonArray("items").getJsonObject(0);
    assertThat(summary.getString("username")).isEqualTo("olivia");
    assertThat(summary.getString("name")).isEqualTo("Olivia Owens");
    assertThat(summary.getString("email")).isEqualTo("olivia@meshwork.example");
    assertThat(summary.getBoolean("enabled")).isTrue();

    HttpResponse<String> shown = send(request("GET", USERS + "/olivia", ada));
    assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
    JsonObject details = new JsonObject(shown.body());
    assertThat(details.getJsonArray("roles").getList()).containsExactly("domain-owner");
    assertThat(details.getJsonArray("groups").getList()).containsExactly("/domains/orders");
    assertThat(details.getJsonArray("identityProviderLinks")).isEmpty();

    assertProblem(send(request("GET", USERS + "/nobody-" + UUID.randomUUID(), ada)), 404);
    assertProblem(send(request("GET", USERS + "?max=1000", ada)), 400);
  }

  @Test
  void rolesAndDomainGroupsGivenThroughTheApiDriveWhatTheNextTokenMayDo() throws Exception {
    String before = token("carlos");
    String id = "orders-users-" + UUID.randomUUID().toString().substring(0, 8);
    assertProblem(putProduct(id, "orders", before), 403);

    assertThat(send(request("PUT", USERS + "/carlos/roles/domain-owner", ada)).statusCode()).isEqualTo(204);
    assertThat(send(request("PUT", groups("carlos", "/domains/orders"), ada)).statusCode()).isEqualTo(204);
    assertThat(send(request("PUT", groups("carlos", "/domains/orders"), ada)).statusCode()).as("again").isEqualTo(204);
    try {
      HttpResponse<String> created = putProduct(id, "orders", token("carlos"));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      JsonObject details = new JsonObject(send(request("GET", USERS + "/carlos", ada)).body());
      assertThat(details.getJsonArray("roles").getList()).contains("domain-owner", "data-consumer");
      assertThat(details.getJsonArray("groups").getList()).containsExactly("/domains/orders");
    } finally {
      assertThat(send(request("DELETE", USERS + "/carlos/roles/domain-owner", ada)).statusCode()).isEqualTo(204);
      assertThat(send(request("DELETE", groups("carlos", "/domains/orders"), ada)).statusCode()).isEqualTo(204);
    }
    String other = "orders-users-" + UUID.randomUUID().toString().substring(0, 8);
    assertProblem(putProduct(other, "orders", token("carlos")), 403);
  }

  @Test
  void aDomainOwnerManagesTheMembershipOfTheirOwnDomainOnly() throws Exception {
    try {
      assertThat(send(request("PUT", groups("carlos", "/domains/orders"), olivia)).statusCode()).isEqualTo(204);
      assertThat(new JsonObject(send(request("GET", USERS + "/carlos", ada)).body()).getJsonArray("groups").getList())
          .containsExactly("/domains/orders");
      assertProblem(send(request("PUT", groups("carlos", "/domains/products"), olivia)), 403);
      assertProblem(send(request("PUT", USERS + "/carlos/roles/domain-owner", olivia)), 403);
      assertProblem(send(request("GET", USERS, olivia)), 403);
    } finally {
      assertThat(send(request("DELETE", groups("carlos", "/domains/orders"), olivia)).statusCode()).isEqualTo(204);
    }
  }

  @Test
  void consumersMayNotUseTheUsersApi() throws Exception {
    String carlos = token("carlos");
    assertProblem(send(request("GET", USERS, carlos)), 403);
    assertProblem(send(request("GET", USERS + "/carlos", carlos)), 403);
    assertProblem(send(request("PUT", USERS + "/carlos/roles/mesh-admin", carlos)), 403);
    assertProblem(send(request("PUT", groups("carlos", "/domains/orders"), carlos)), 403);
    assertProblem(send(request("POST", USERS + "/ada/disable", carlos)), 403);
    assertProblem(send(request("PUT", "/api/v1/identity/domains/billing", carlos)), 403);
    assertProblem(send(request("GET", USERS, null)), 401);
  }

  @Test
  void aDisabledUserGetsNoTokenUntilEnabledAgain() throws Exception {
    try {
      assertThat(send(request("POST", USERS + "/carlos/disable", ada)).statusCode()).isEqualTo(204);
      assertThat(new JsonObject(send(request("GET", USERS + "/carlos", ada)).body()).getBoolean("enabled")).isFalse();
      assertThatThrownBy(() -> token("carlos")).isInstanceOf(PasswordGrant.Failure.class);
    } finally {
      assertThat(send(request("POST", USERS + "/carlos/enable", ada)).statusCode()).isEqualTo(204);
    }
    assertThat(token("carlos")).isNotBlank();
    assertProblem(send(request("POST", USERS + "/nobody-" + UUID.randomUUID() + "/disable", ada)), 404);
  }

  @Test
  void unknownRolesAndGroupsAreRefusedWithTheReason() throws Exception {
    JsonObject badRole = assertProblem(send(request("PUT", USERS + "/carlos/roles/admin", ada)), 400);
    assertThat(badRole.getJsonArray("errors").getJsonObject(0).getString("reason")).contains("not a Meshwork realm role");
    assertProblem(send(request("PUT", USERS + "/carlos/roles/offline_access", ada)), 400);
    JsonObject notDomain = assertProblem(send(request("PUT", groups("carlos", "/admins"), ada)), 400);
    assertThat(notDomain.getJsonArray("errors").getJsonObject(0).getString("reason")).contains("not a domain group");
    assertProblem(send(request("PUT", USERS + "/carlos/groups", ada)), 400);
    JsonObject unknown = assertProblem(send(request("PUT", groups("carlos", "/domains/atlantis"), ada)), 404);
    assertThat(unknown.getString("detail")).contains("/domains/atlantis");
    assertProblem(send(request("PUT", USERS + "/nobody-" + UUID.randomUUID() + "/roles/sre", ada)), 404);
  }

  @Test
  void anAdminCreatesADomainWhoseOwnersManageItsMembers() throws Exception {
    String domain = "billing-" + UUID.randomUUID().toString().substring(0, 6);
    HttpResponse<String> created = send(request("PUT", "/api/v1/identity/domains/" + domain, ada));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(new JsonObject(created.body()).getJsonArray("groups").getList())
        .containsExactly("/domains/" + domain, "/domains/" + domain + "/owners", "/domains/" + domain + "/members");
    assertThat(send(request("PUT", "/api/v1/identity/domains/" + domain, ada)).statusCode()).as("again").isEqualTo(200);
    assertProblem(send(request("PUT", "/api/v1/identity/domains/Not_A_Domain", ada)), 400);
    assertProblem(send(request("PUT", "/api/v1/identity/domains/" + domain, olivia)), 403);

    // sam becomes an owner of the new domain, and then adds carlos to its members
    assertThat(send(request("PUT", USERS + "/sam/roles/domain-owner", ada)).statusCode()).isEqualTo(204);
    assertThat(send(request("PUT", groups("sam", "/domains/" + domain + "/owners"), ada)).statusCode()).isEqualTo(204);
    String sam = token("sam");
    assertProblem(send(request("PUT", groups("carlos", "/domains/" + domain + "/members"), olivia)), 403);
    try {
      assertThat(send(request("PUT", groups("carlos", "/domains/" + domain + "/members"), sam)).statusCode()).isEqualTo(204);
      assertThat(new JsonObject(send(request("GET", USERS + "/carlos", ada)).body()).getJsonArray("groups").getList())
          .containsExactly("/domains/" + domain + "/members");
    } finally {
      assertThat(send(request("DELETE", groups("carlos", "/domains/" + domain + "/members"), sam)).statusCode()).isEqualTo(204);
    }
  }

  // --- helpers ---

  private static String groups(String username, String path) {
    return USERS + "/" + username + "/groups?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8);
  }

  private static String token(String username) {
    return grant.accessToken(username, RealmSettings.DEMO_PASSWORD);
  }

  private static HttpResponse<String> putProduct(String id, String domain, String token) throws Exception {
    String yaml = """
        apiVersion: v1.0.0
        kind: DataProduct
        id: %s
        name: Registered by a user given a domain through the API
        status: draft
        domain: %s
        outputPorts:
          - name: rows
            type: tables
            version: 1.0.0
        """.formatted(id, domain);
    return send(HttpRequest.newBuilder(uri("/api/v1/products/" + id)).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/yaml").PUT(HttpRequest.BodyPublishers.ofString(yaml)).build());
  }

  private static MeshNode startNode(NodeConfig config) throws Exception {
    MeshNode started = MeshNode.start(config).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    long deadline = System.currentTimeMillis() + 60_000;
    while (HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + started.port() + "/health/ready")).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode() != 200) {
      assertThat(System.currentTimeMillis()).as("node ready within 60 s").isLessThan(deadline);
      Thread.sleep(250);
    }
    return started;
  }

  private static HttpRequest request(String method, String path, String token) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody());
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
