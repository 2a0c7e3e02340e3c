package io.meshwork.identity;

import java.net.URI;
import java.util.Objects;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;

/**
 * How the node administers its realm in Keycloak: a user of the {@code master} realm (through
 * {@code admin-cli}), configured by {@code MESHWORK_KEYCLOAK_ADMIN} and
 * {@code MESHWORK_KEYCLOAK_ADMIN_PASSWORD}. The password is never printed: {@link #toString()}
 * masks it.
 */
public record KeycloakAdminCredentials(URI keycloakUrl, String username, String password) {

  public KeycloakAdminCredentials {
    Objects.requireNonNull(keycloakUrl, "keycloakUrl");
    if (username == null || username.isBlank()) {
      throw new IllegalArgumentException("keycloak admin user: required");
    }
    if (password == null || password.isBlank()) {
      throw new IllegalArgumentException("keycloak admin password: required");
    }
  }

  /** A connection that fetches and refreshes its own admin token; every call on it blocks. */
  public Keycloak connect() {
    return KeycloakBuilder.builder()
        .serverUrl(keycloakUrl.toString())
        .realm("master")
        .clientId("admin-cli")
        .username(username)
        .password(password)
        .build();
  }

  @Override
  public String toString() {
    return "KeycloakAdminCredentials[keycloakUrl=" + keycloakUrl + ", username=" + username + ", password=***]";
  }
}
