package io.meshwork.node;

import static io.meshwork.node.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwork.identity.realm.PasswordGrant;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
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
    ada = mesh.token("ada");
    olivia = mesh.token("olivia");
  }

  @AfterAll
  static void stop() {
    if (mesh != null) {
      mesh.close();
    }
  }

  @Test
  void anAdminSearchesUsersAndSeesTheirRolesAndGroups() throws Exception {
    HttpResponse<String> all = mesh.call("GET", USERS + "?first=0&max=2", ada, null, null);
    assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
    JsonObject page = new JsonObject(all.body());
    assertThat(page.getJsonArray("items")).hasSize(2);
    assertThat(page.getInteger("total")).isGreaterThanOrEqualTo(4);

    JsonObject found = new JsonObject(mesh.call("GET", USERS + "?search=olivia", ada, null, null).body());
    assertThat(found.getJsonArray("items")).hasSize(1);
    JsonObject summary = found.getJsonArray("items").getJsonObject(0);
    assertThat(summary.getString("username")).isEqualTo("olivia");
    assertThat(summary.getString("name")).isEqualTo("Olivia Owens");
    assertThat(summary.getString("email")).isEqualTo("olivia@meshwork.example");
    assertThat(summary.getBoolean("enabled")).isTrue();

    HttpResponse<String> shown = mesh.call("GET", USERS + "/olivia", ada, null, null);
    assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
    JsonObject details = new JsonObject(shown.body());
    assertThat(details.getJsonArray("roles").getList()).containsExactly("domain-owner");
    assertThat(details.getJsonArray("groups").getList()).containsExactly("/domains/orders");
    assertThat(details.getJsonArray("identityProviderLinks")).isEmpty();

    assertProblem(mesh.call("GET", USERS + "/nobody-" + UUID.randomUUID(), ada, null, null), 404);
    assertProblem(mesh.call("GET", USERS + "?max=1000", ada, null, null), 400);
  }

  @Test
  void rolesAndDomainGroupsGivenThroughTheApiDriveWhatTheNextTokenMayDo() throws Exception {
    String before = mesh.token("carlos");
    String id = "orders-users-" + UUID.randomUUID().toString().substring(0, 8);
    assertProblem(putProduct(id, "orders", before), 403);

    assertThat(mesh.call("PUT", USERS + "/carlos/roles/domain-owner", ada, null, null).statusCode()).isEqualTo(204);
    assertThat(mesh.call("PUT", groups("carlos", "/domains/orders"), ada, null, null).statusCode()).isEqualTo(204);
    assertThat(mesh.call("PUT", groups("carlos", "/domains/orders"), ada, null, null).statusCode()).as("again").isEqualTo(204);
    try {
      HttpResponse<String> created = putProduct(id, "orders", mesh.token("carlos"));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      JsonObject details = new JsonObject(mesh.call("GET", USERS + "/carlos", ada, null, null).body());
      assertThat(details.getJsonArray("roles").getList()).contains("domain-owner", "data-consumer");
      assertThat(details.getJsonArray("groups").getList()).containsExactly("/domains/orders");
    } finally {
      assertThat(mesh.call("DELETE", USERS + "/carlos/roles/domain-owner", ada, null, null).statusCode()).isEqualTo(204);
      assertThat(mesh.call("DELETE", groups("carlos", "/domains/orders"), ada, null, null).statusCode()).isEqualTo(204);
    }
    String other = "orders-users-" + UUID.randomUUID().toString().substring(0, 8);
    assertProblem(putProduct(other, "orders", mesh.token("carlos")), 403);
  }

  @Test
  void aDomainOwnerManagesTheMembershipOfTheirOwnDomainOnly() throws Exception {
    try {
      assertThat(mesh.call("PUT", groups("carlos", "/domains/orders"), olivia, null, null).statusCode()).isEqualTo(204);
      assertThat(new JsonObject(mesh.call("GET", USERS + "/carlos", ada, null, null).body()).getJsonArray("groups").getList())
          .containsExactly("/domains/orders");
      assertProblem(mesh.call("PUT", groups("carlos", "/domains/products"), olivia, null, null), 403);
      assertProblem(mesh.call("PUT", USERS + "/carlos/roles/domain-owner", olivia, null, null), 403);
      assertProblem(mesh.call("GET", USERS, olivia, null, null), 403);
    } finally {
      assertThat(mesh.call("DELETE", groups("carlos", "/domains/orders"), olivia, null, null).statusCode()).isEqualTo(204);
    }
  }

  @Test
  void consumersMayNotUseTheUsersApi() throws Exception {
    String carlos = mesh.token("carlos");
    assertProblem(mesh.call("GET", USERS, carlos, null, null), 403);
    assertProblem(mesh.call("GET", USERS + "/carlos", carlos, null, null), 403);
    assertProblem(mesh.call("PUT", USERS + "/carlos/roles/mesh-admin", carlos, null, null), 403);
    assertProblem(mesh.call("PUT", groups("carlos", "/domains/orders"), carlos, null, null), 403);
    assertProblem(mesh.call("POST", USERS + "/ada/disable", carlos, null, null), 403);
    assertProblem(mesh.call("PUT", "/api/v1/identity/domains/billing", carlos, null, null), 403);
    assertProblem(mesh.call("GET", USERS, null, null, null), 401);
  }

  @Test
  void aDisabledUserGetsNoTokenUntilEnabledAgain() throws Exception {
    try {
      assertThat(mesh.call("POST", USERS + "/carlos/disable", ada, null, null).statusCode()).isEqualTo(204);
      assertThat(new JsonObject(mesh.call("GET", USERS + "/carlos", ada, null, null).body()).getBoolean("enabled")).isFalse();
      assertThatThrownBy(() -> mesh.token("carlos")).isInstanceOf(PasswordGrant.Failure.class);
    } finally {
      assertThat(mesh.call("POST", USERS + "/carlos/enable", ada, null, null).statusCode()).isEqualTo(204);
    }
    assertThat(mesh.token("carlos")).isNotBlank();
    assertProblem(mesh.call("POST", USERS + "/nobody-" + UUID.randomUUID() + "/disable", ada, null, null), 404);
  }

  @Test
  void unknownRolesAndGroupsAreRefusedWithTheReason() throws Exception {
    JsonObject badRole = assertProblem(mesh.call("PUT", USERS + "/carlos/roles/admin", ada, null, null), 400);
    assertThat(badRole.getJsonArray("errors").getJsonObject(0).getString("reason")).contains("not a Meshwork realm role");
    assertProblem(mesh.call("PUT", USERS + "/carlos/roles/offline_access", ada, null, null), 400);
    JsonObject notDomain = assertProblem(mesh.call("PUT", groups("carlos", "/admins"), ada, null, null), 400);
    assertThat(notDomain.getJsonArray("errors").getJsonObject(0).getString("reason")).contains("not a domain group");
    assertProblem(mesh.call("PUT", USERS + "/carlos/groups", ada, null, null), 400);
    JsonObject unknown = assertProblem(mesh.call("PUT", groups("carlos", "/domains/atlantis"), ada, null, null), 404);
    assertThat(unknown.getString("detail")).contains("/domains/atlantis");
    assertProblem(mesh.call("PUT", USERS + "/nobody-" + UUID.randomUUID() + "/roles/sre", ada, null, null), 404);
  }

  @Test
  void anAdminCreatesADomainWhoseOwnersManageItsMembers() throws Exception {
    String domain = "billing-" + UUID.randomUUID().toString().substring(0, 6);
    HttpResponse<String> created = mesh.call("PUT", "/api/v1/identity/domains/" + domain, ada, null, null);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(new JsonObject(created.body()).getJsonArray("groups").getList())
        .containsExactly("/domains/" + domain, "/domains/" + domain + "/owners", "/domains/" + domain + "/members");
    assertThat(mesh.call("PUT", "/api/v1/identity/domains/" + domain, ada, null, null).statusCode()).as("again").isEqualTo(200);
    assertProblem(mesh.call("PUT", "/api/v1/identity/domains/Not_A_Domain", ada, null, null), 400);
    assertProblem(mesh.call("PUT", "/api/v1/identity/domains/" + domain, olivia, null, null), 403);

    // sam becomes an owner of the new domain, and then adds carlos to its members
    assertThat(mesh.call("PUT", USERS + "/sam/roles/domain-owner", ada, null, null).statusCode()).isEqualTo(204);
    assertThat(mesh.call("PUT", groups("sam", "/domains/" + domain + "/owners"), ada, null, null).statusCode()).isEqualTo(204);
    String sam = mesh.token("sam");
    assertProblem(mesh.call("PUT", groups("carlos", "/domains/" + domain + "/members"), olivia, null, null), 403);
    try {
      assertThat(mesh.call("PUT", groups("carlos", "/domains/" + domain + "/members"), sam, null, null).statusCode()).isEqualTo(204);
      assertThat(new JsonObject(mesh.call("GET", USERS + "/carlos", ada, null, null).body()).getJsonArray("groups").getList())
          .containsExactly("/domains/" + domain + "/members");
    } finally {
      assertThat(mesh.call("DELETE", groups("carlos", "/domains/" + domain + "/members"), sam, null, null).statusCode()).isEqualTo(204);
    }
  }

  // --- helpers ---

  private static String groups(String username, String path) {
    return USERS + "/" + username + "/groups?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8);
  }

  private static HttpResponse<String> putProduct(String id, String domain, String token) throws Exception {
    String yaml = DraftProduct.yaml(id, domain, "Registered by a user given a domain through the API");
    return mesh.putYaml("/api/v1/products/" + id, token, yaml);
  }
}
