package io.meshwork.identity;

import io.meshwork.identity.realm.RealmSettings;
import java.net.URI;
import java.util.Objects;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;

/**
 * How the node administers its realm: the confidential client {@value RealmSettings#ADMIN_CLIENT_ID}
 * of that realm (client-credentials grant), which the realm-as-code provisioner creates with
 * realm-management roles of this realm only — not an administrator of Keycloak's master realm. The
 * secret is never printed: {@link #toString()} masks it.
 */
public record KeycloakAdminCredentials(URI keycloakUrl, String realm, String clientId, String clientSecret) {

  public KeycloakAdminCredentials {
    Objects.requireNonNull(keycloakUrl, "keycloakUrl");
    Objects.requireNonNull(realm, "realm");
    if (clientId == null || clientId.isBlank()) {
      throw new IllegalArgumentException("admin client id: required");
    }
    if (clientSecret == null || clientSecret.isBlank()) {
      throw new IllegalArgumentException("admin client secret: required");
    }
  }

  /** The realm's administration client, {@value RealmSettings#ADMIN_CLIENT_ID}. */
  public static KeycloakAdminCredentials of(URI keycloakUrl, String realm, String clientSecret) {
    return new KeycloakAdminCredentials(keycloakUrl, realm, RealmSettings.ADMIN_CLIENT_ID, clientSecret);
  }

  /** A connection that fetches and refreshes its own token; every call on it blocks. */
  public Keycloak connect() {
    return KeycloakBuilder.builder()
        .serverUrl(keycloakUrl.toString())
        .realm(realm)
        .grantType(OAuth2Constants.CLIENT_CREDENTIALS)
        .clientId(clientId)
        .clientSecret(clientSecret)
        .build();
  }

  @Override
  public String toString() {
    return "KeycloakAdminCredentials[keycloakUrl=" + keycloakUrl + ", realm=" + realm + ", clientId=" + clientId
        + ", clientSecret=***]";
  }
}
