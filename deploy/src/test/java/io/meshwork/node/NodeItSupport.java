package io.meshwork.node;

import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;

/** What the node's integration tests share: the test Keycloak's coordinates from ./meshwork test. */
final class NodeItSupport {

  private NodeItSupport() {}

  static String requiredEnv(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(name + " is not set: run the suite with ./meshwork test, which starts a test Keycloak");
    }
    return value;
  }

  /** Keycloak's master-realm admin of the test Keycloak (close it when done). */
  static Keycloak keycloakAdmin() {
    return KeycloakBuilder.builder().serverUrl(requiredEnv("MESHWORK_TEST_KEYCLOAK_URL")).realm("master").clientId("admin-cli")
        .username(requiredEnv("MESHWORK_TEST_KEYCLOAK_ADMIN")).password(requiredEnv("MESHWORK_TEST_KEYCLOAK_ADMIN_PASSWORD")).build();
  }
}
