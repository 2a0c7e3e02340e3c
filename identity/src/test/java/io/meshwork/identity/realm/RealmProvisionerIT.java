package io.meshwork.identity.realm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * Against the test Keycloak that {@code ./meshwork test} starts once per run
 * ({@code MESHWORK_TEST_KEYCLOAK_URL}, {@code _ADMIN}, {@code _ADMIN_PASSWORD}); works in its own
 * throwaway realm and deletes it at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealmProvisionerIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private URI keycloakUrl;
  private Keycloak admin;
  private RealmProvisioner provisioner;
  private RealmSettings settings;

  @BeforeAll
  void connect() {
    keycloakUrl = URI.create(env("MESHWORK_TEST_KEYCLOAK_URL"));
    admin = KeycloakBuilder.builder()
        .serverUrl(keycloakUrl.toString()).realm("master").clientId("admin-cli")
        .username(env("MESHWORK_TEST_KEYCLOAK_ADMIN")).password(env("MESHWORK_TEST_KEYCLOAK_ADMIN_PASSWORD"))
        .build();
    provisioner = new RealmProvisioner(admin);
    settings = RealmSettings.of("it-" + UUID.randomUUID().toString().substring(0, 8), "it-portal-secret",
        List.of("http://127.0.0.1:8080"), true);
  }

  @AfterAll
  void deleteRealm() {
    if (provisioner != null) {
      provisioner.deleteRealm(settings.realm());
    }
    if (admin != null) {
      admin.close();
    }
  }

  @Test
  @Order(1)
  void firstApplyCreatesEverythingSecondChangesNothing() {
    ProvisionReport first = provisioner.apply(settings);
    assertThat(first.created()).contains(
        "realm " + settings.realm(), "role mesh-admin", "group /domains/orders", "client meshwork-portal",
        "mapper meshwork-cli/groups", "user olivia", "member olivia of /domains/orders");
    assertThat(first.updated()).isEmpty();

    ProvisionReport second = provisioner.apply(settings);
    assertThat(second.created()).isEmpty();
    assertThat(second.updated()).isEmpty();
    assertThat(second.changed()).isFalse();
  }

  @Test
  @Order(2)
  void demoUsersGetTokensForTheNodeWithTheirRolesAndGroups() {
    PasswordGrant grant = new PasswordGrant(keycloakUrl, settings.realm());
    record Expect(String user, String role) {}
    for (Expect expect : List.of(new Expect("ada", "mesh-admin"), new Expect("olivia", "domain-owner"),
        new Expect("carlos", "data-consumer"), new Expect("sam", "sre"))) {
      JsonNode token = payload(grant.accessToken(expect.user(), RealmSettings.DEMO_PASSWORD));

      assertThat(token.path("iss").asText()).isEqualTo(keycloakUrl + "/realms/" + settings.realm());
      assertThat(strings(token.path("aud"))).as("aud of %s", expect.user()).contains("meshwork-node");
      assertThat(strings(token.path("realm_access").path("roles"))).as("roles of %s", expect.user()).contains(expect.role());
      assertThat(token.path("preferred_username").asText()).isEqualTo(expect.user());
    }
    assertThat(strings(payload(grant.accessToken("olivia", RealmSettings.DEMO_PASSWORD)).path("groups")))
        .containsExactly("/domains/orders");
    assertThat(strings(payload(grant.accessToken("carlos", RealmSettings.DEMO_PASSWORD)).path("groups"))).isEmpty();
  }

  @Test
  @Order(3)
  void idTokenCarriesRolesAndGroupsForThePortal() throws Exception {
    String form = "grant_type=password&client_id=meshwork-cli&scope=openid&username=olivia&password="
        + URLEncoder.encode(RealmSettings.DEMO_PASSWORD, StandardCharsets.UTF_8);
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(new PasswordGrant(keycloakUrl, settings.realm()).tokenEndpoint())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode idToken = payload(JSON.readTree(response.body()).path("id_token").asText());

    assertThat(strings(idToken.path("realm_access").path("roles"))).contains("domain-owner");
    assertThat(strings(idToken.path("groups"))).containsExactly("/domains/orders");
  }

  @Test
  @Order(4)
  void wrongPasswordIsRefused() {
    PasswordGrant grant = new PasswordGrant(keycloakUrl, settings.realm());

    assertThatThrownBy(() -> grant.accessToken("ada", "not-the-password"))
        .isInstanceOfSatisfying(PasswordGrant.Failure.class, failure -> {
          assertThat(failure.status()).isEqualTo(400); // RFC 6749 §5.2: invalid_grant is a 400
          assertThat(failure.error()).isEqualTo("invalid_grant");
        })
        .hasMessageNotContaining("not-the-password");
  }

  @Test
  @Order(5)
  void applyRepairsDriftAndKeepsUsers() {
    RealmResource realm = admin.realm(settings.realm());
    RealmRepresentation lifespan = new RealmRepresentation();
    lifespan.setAccessTokenLifespan(60);
    realm.update(lifespan);
    ClientRepresentation portal = realm.clients().findByClientId("meshwork-portal").get(0);
    portal.setDirectAccessGrantsEnabled(true);
    portal.setRedirectUris(List.of("http://evil.example/*"));
    realm.clients().get(portal.getId()).update(portal);
    String cliId = realm.clients().findByClientId("meshwork-cli").get(0).getId();
    var mappers = realm.clients().get(cliId).getProtocolMappers();
    mappers.getMappers().stream().filter(m -> m.getName().equals("groups")).findFirst()
        .ifPresent(m -> mappers.delete(m.getId()));

    ProvisionReport repaired = provisioner.apply(settings);

    assertThat(repaired.created()).containsExactly("mapper meshwork-cli/groups");
    assertThat(repaired.updated()).containsExactlyInAnyOrder(
        "realm " + settings.realm() + " [accessTokenLifespan]",
        "client meshwork-portal [redirectUris, directAccessGrantsEnabled]");
    ClientRepresentation after = realm.clients().findByClientId("meshwork-portal").get(0);
    assertThat(after.isDirectAccessGrantsEnabled()).isFalse();
    assertThat(after.getRedirectUris()).containsExactly("http://127.0.0.1:8080/login/oauth2/code/keycloak");
    assertThat(realm.users().searchByUsername("ada", true)).hasSize(1);
    assertThat(provisioner.apply(settings).changed()).isFalse();
  }

  private static JsonNode payload(String jwt) {
    String[] parts = jwt.split("\\.");
    assertThat(parts).as("a JWT").hasSize(3);
    try {
      return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    } catch (java.io.IOException e) {
      throw new AssertionError("token payload is not JSON", e);
    }
  }

  /** A JWT claim that may be a single string or an array of strings. */
  private static List<String> strings(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(value -> values.add(value.asText()));
    } else if (node.isTextual()) {
      values.add(node.asText());
    }
    return values;
  }

  private static String env(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(name + " is not set: this test needs the test Keycloak; run ./meshwork test"
          + " (or start one with deploy/bin/keycloak.sh and export MESHWORK_TEST_KEYCLOAK_URL, _ADMIN, _ADMIN_PASSWORD)");
    }
    return value;
  }
}
