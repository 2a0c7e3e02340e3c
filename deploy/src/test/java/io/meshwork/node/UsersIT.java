package io.meshwork.node;

import static io.meshwork.node.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwork.identity.realm.PasswordGrant;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
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

  private static final String USERS = "/api/v1/identity/users";
  private static TestMesh mesh;
  private static String ada;
  private static String olivia;

  @BeforeAll
  static void start() throws Exception {
    mesh = TestMesh.startWithIdentityAdministration("users-it");
    ada = token("ada");
    olivia = token("olivia");
  }

  @AfterAll
  static void stop() {
    if (mesh != null) {
      mesh.close();
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
    return mesh.token(username);
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

  private static HttpRequest request(String method, String path, String token) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder.build();
  }

  private static URI uri(String path) {
    return mesh.uri(path);
  }

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    return mesh.send(request);
  }
}
