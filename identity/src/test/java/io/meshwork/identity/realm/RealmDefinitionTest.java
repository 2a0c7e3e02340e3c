package io.meshwork.identity.realm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

class RealmDefinitionTest {

  private static final RealmSettings SETTINGS = RealmSettings.of("it-realm", "portal-secret",
      List.of("http://127.0.0.1:8080", "http://127.0.0.1:18080"), true);

  @Test
  void realmSettingsRolesAndGroups() {
    RealmRepresentation realm = RealmDefinition.of(SETTINGS);

    assertThat(realm.getRealm()).isEqualTo("it-realm");
    assertThat(realm.isEnabled()).isTrue();
    assertThat(realm.getAccessTokenLifespan()).isEqualTo(300);
    assertThat(realm.getSsoSessionIdleTimeout()).isEqualTo(1800);
    assertThat(realm.getSsoSessionMaxLifespan()).isEqualTo(36000);
    assertThat(realm.getRoles().getRealm()).extracting(RoleRepresentation::getName)
        .containsExactlyInAnyOrder("mesh-admin", "domain-owner", "data-consumer", "sre");
    assertThat(realm.getGroups()).singleElement().satisfies(domains -> {
      assertThat(domains.getName()).isEqualTo("domains");
      assertThat(domains.getSubGroups()).extracting(GroupRepresentation::getName)
          .containsExactly("orders", "products", "carts", "sessions", "leads");
    });
  }

  @Test
  void portalIsConfidentialCodeFlowWithPkce() {
    ClientRepresentation portal = clients(RealmDefinition.of(SETTINGS)).get("meshwork-portal");

    assertThat(portal.isPublicClient()).isFalse();
    assertThat(portal.getSecret()).isEqualTo("portal-secret");
    assertThat(portal.isStandardFlowEnabled()).isTrue();
    assertThat(portal.isImplicitFlowEnabled()).isFalse();
    assertThat(portal.isDirectAccessGrantsEnabled()).isFalse();
    assertThat(portal.isServiceAccountsEnabled()).isFalse();
    assertThat(portal.getAttributes()).containsEntry("pkce.code.challenge.method", "S256")
        .containsEntry("post.logout.redirect.uris", "http://127.0.0.1:8080/*##http://127.0.0.1:18080/*");
    assertThat(portal.getRedirectUris()).containsExactly(
        "http://127.0.0.1:8080/login/oauth2/code/keycloak", "http://127.0.0.1:18080/login/oauth2/code/keycloak");
    assertThat(portal.getWebOrigins()).containsExactly("http://127.0.0.1:8080", "http://127.0.0.1:18080");
  }

  @Test
  void cliIsPublicWithDirectGrantsAndNodeHasNoFlows() {
    Map<String, ClientRepresentation> clients = clients(RealmDefinition.of(SETTINGS));
    ClientRepresentation cli = clients.get("meshwork-cli");
    ClientRepresentation node = clients.get("meshwork-node");

    assertThat(cli.isPublicClient()).isTrue();
    assertThat(cli.isDirectAccessGrantsEnabled()).isTrue();
    assertThat(cli.getDescription()).containsIgnoringCase("dev realm only");
    assertThat(List.of(node.isStandardFlowEnabled(), node.isImplicitFlowEnabled(),
        node.isDirectAccessGrantsEnabled(), node.isServiceAccountsEnabled())).containsOnly(false);
  }

  @Test
  void portalAndCliTokensCarryAudienceGroupsAndRoles() {
    RealmSettings settings = new RealmSettings("it-realm", "api", "portal", "portal-secret",
        List.of("http://127.0.0.1:8080"), "cli", false);
    Map<String, ClientRepresentation> clients = clients(RealmDefinition.of(settings));
    assertThat(clients).containsOnlyKeys("api", "portal", "cli");

    for (String clientId : List.of("portal", "cli")) {
      Map<String, ProtocolMapperRepresentation> mappers = clients.get(clientId).getProtocolMappers().stream()
          .collect(Collectors.toMap(ProtocolMapperRepresentation::getProtocolMapper, Function.identity()));
      assertThat(mappers.get("oidc-audience-mapper").getConfig())
          .containsEntry("included.client.audience", "api")
          .containsEntry("access.token.claim", "true");
      assertThat(mappers.get("oidc-group-membership-mapper").getConfig())
          .containsEntry("claim.name", "groups").containsEntry("full.path", "true")
          .containsEntry("access.token.claim", "true").containsEntry("id.token.claim", "true");
      assertThat(mappers.get("oidc-usermodel-realm-role-mapper").getConfig())
          .containsEntry("claim.name", "realm_access.roles").containsEntry("multivalued", "true")
          .containsEntry("access.token.claim", "true").containsEntry("id.token.claim", "true");
      // which identity provider a federated user came through: policies can depend on it
      assertThat(mappers.get("oidc-usersessionmodel-note-mapper").getConfig())
          .containsEntry("user.session.note", "identity_provider").containsEntry("claim.name", "identity_provider")
          .containsEntry("access.token.claim", "true");
    }
  }

  @Test
  void demoUsersCanLogInOnlyWhenAsked() {
    assertThat(RealmDefinition.of(RealmSettings.of("r", "portal-secret", List.of("http://127.0.0.1:8080"), false))
        .getUsers()).isNull();

    List<UserRepresentation> users = RealmDefinition.of(SETTINGS).getUsers();
    assertThat(users).extracting(UserRepresentation::getUsername).containsExactly("ada", "olivia", "carlos", "sam");
    assertThat(users).allSatisfy(user -> {
      // Keycloak refuses password login with "Account is not fully set up" without these.
      assertThat(user.getFirstName()).isNotBlank();
      assertThat(user.getLastName()).isNotBlank();
      assertThat(user.getEmail()).contains("@");
      assertThat(user.isEmailVerified()).isTrue();
      assertThat(user.getCredentials()).singleElement().satisfies(password -> {
        assertThat(password.getValue()).isEqualTo(RealmSettings.DEMO_PASSWORD);
        assertThat(password.isTemporary()).isFalse();
      });
    });
    Map<String, UserRepresentation> byName = users.stream()
        .collect(Collectors.toMap(UserRepresentation::getUsername, Function.identity()));
    assertThat(byName.get("ada").getRealmRoles()).containsExactly("mesh-admin");
    assertThat(byName.get("olivia").getRealmRoles()).containsExactly("domain-owner");
    assertThat(byName.get("olivia").getGroups()).containsExactly("/domains/orders");
    assertThat(byName.get("carlos").getRealmRoles()).containsExactly("data-consumer");
    assertThat(byName.get("sam").getRealmRoles()).containsExactly("sre");
  }

  @Test
  void everyCallReturnsAFreshCopy() {
    RealmRepresentation first = RealmDefinition.of(SETTINGS);
    first.getClients().clear();
    assertThat(RealmDefinition.of(SETTINGS).getClients()).hasSize(3);
  }

  @Test
  void theAdminClientExistsOnlyWithASecretAndHoldsRealmManagementRoles() {
    assertThat(clients(RealmDefinition.of(SETTINGS))).doesNotContainKey(RealmSettings.ADMIN_CLIENT_ID);

    RealmSettings withAdmin = RealmSettings.of("r", "portal-secret", List.of("http://127.0.0.1:8080"), false)
        .withAdminClientSecret("admin-secret-0123456789");
    assertThat(withAdmin.toString()).doesNotContain("admin-secret-0123456789");
    RealmRepresentation realm = RealmDefinition.of(withAdmin);
    ClientRepresentation admin = clients(realm).get(RealmSettings.ADMIN_CLIENT_ID);
    assertThat(admin.getSecret()).isEqualTo("admin-secret-0123456789");
    assertThat(admin.isServiceAccountsEnabled()).isTrue();
    assertThat(admin.isPublicClient()).isFalse();
    assertThat(admin.isStandardFlowEnabled()).isFalse();
    assertThat(admin.isDirectAccessGrantsEnabled()).isFalse();
    assertThat(realm.getUsers()).singleElement().satisfies(user -> {
      assertThat(user.getServiceAccountClientId()).isEqualTo(RealmSettings.ADMIN_CLIENT_ID);
      assertThat(user.getClientRoles().get("realm-management")).contains("manage-clients", "manage-users", "query-groups")
          .doesNotContain("realm-admin", "manage-realm");
    });
  }

  private static Map<String, ClientRepresentation> clients(RealmRepresentation realm) {
    return realm.getClients().stream().collect(Collectors.toMap(ClientRepresentation::getClientId, Function.identity()));
  }
}
