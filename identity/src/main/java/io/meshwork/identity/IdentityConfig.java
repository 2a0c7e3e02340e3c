package io.meshwork.identity;

import io.meshwork.identity.realm.RealmSettings;
import java.net.URI;
import java.util.Arrays;
import java.util.Map;

/**
 * Configuration of the {@code apply} command, from the environment.
 *
 * <pre>
 * MESHWORK_KEYCLOAK_URL             default http://127.0.0.1:8180
 * MESHWORK_KEYCLOAK_ADMIN           default admin (a user of the master realm)
 * MESHWORK_KEYCLOAK_ADMIN_PASSWORD  required
 * MESHWORK_REALM                    default meshwork
 * MESHWORK_PORTAL_CLIENT_SECRET     required
 * MESHWORK_PORTAL_URL               default http://127.0.0.1:8080 (several: comma-separated)
 * MESHWORK_DEMO_USERS               default true
 * MESHWORK_ADMIN_CLIENT_SECRET      optional: creates the administration client meshwork-admin with this secret
 * </pre>
 */
public record IdentityConfig(URI keycloakUrl, String adminUser, String adminPassword, RealmSettings realm) {

  public static IdentityConfig fromEnvironment(Map<String, String> env) {
    URI keycloakUrl = url(get(env, "MESHWORK_KEYCLOAK_URL", "http://127.0.0.1:8180"));
    String adminUser = get(env, "MESHWORK_KEYCLOAK_ADMIN", "admin");
    String adminPassword = required(env, "MESHWORK_KEYCLOAK_ADMIN_PASSWORD");
    String secret = required(env, "MESHWORK_PORTAL_CLIENT_SECRET");
    var portalUrls = Arrays.stream(get(env, "MESHWORK_PORTAL_URL", "http://127.0.0.1:8080").split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).toList();
    boolean demoUsers = bool(env, "MESHWORK_DEMO_USERS", true);
    String adminClientSecret = get(env, "MESHWORK_ADMIN_CLIENT_SECRET", null);
    RealmSettings realm;
    try {
      realm = RealmSettings.of(get(env, "MESHWORK_REALM", "meshwork"), secret, portalUrls, demoUsers);
      if (adminClientSecret != null) {
        realm = realm.withAdminClientSecret(adminClientSecret);
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid realm settings: " + e.getMessage(), e);
    }
    return new IdentityConfig(keycloakUrl, adminUser, adminPassword, realm);
  }

  @Override
  public String toString() {
    return "IdentityConfig[keycloakUrl=" + keycloakUrl + ", adminUser=" + adminUser + ", adminPassword=***, realm=" + realm + "]";
  }

  private static String get(Map<String, String> env, String name, String fallback) {
    String value = env.get(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  private static String required(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is not set");
    }
    return value;
  }

  private static boolean bool(Map<String, String> env, String name, boolean fallback) {
    String value = get(env, name, String.valueOf(fallback)).toLowerCase(java.util.Locale.ROOT);
    return switch (value) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new IllegalArgumentException(name + " must be true or false, got '" + value + "'");
    };
  }

  private static URI url(String value) {
    try {
      URI uri = URI.create(value.replaceAll("/+$", ""));
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new IllegalArgumentException();
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("MESHWORK_KEYCLOAK_URL is not an http(s) URL: '" + value + "'");
    }
  }
}
