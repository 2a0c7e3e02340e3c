package io.meshwork.identity.realm;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What varies between one meshwork realm and another: its name, the client ids, the portal's secret
 * and addresses, and whether the demo users exist. Everything else is in the realm definition
 * resource ({@code realm/meshwork-realm.json}).
 *
 * @param realm              realm name, e.g. {@code meshwork}; never {@code master}
 * @param nodeAudience       client id of the node API, carried in {@code aud} of every access token
 * @param portalClientId     confidential client of the portal (code flow + PKCE)
 * @param portalClientSecret the portal client's secret; never printed ({@link #toString()} masks it)
 * @param portalBaseUrls     the portal's base URLs ({@code http://127.0.0.1:8080}), no trailing slash
 * @param cliClientId        public client of the command line (password grant: dev realms only)
 * @param demoUsers          whether to create ada, olivia, carlos and sam (password {@value #DEMO_PASSWORD})
 * @param adminClientSecret  secret of {@value #ADMIN_CLIENT_ID}, the confidential client the node administers the
 *                           realm with (service accounts, identity providers); null: no such client. Never printed.
 */
public record RealmSettings(
    String realm,
    String nodeAudience,
    String portalClientId,
    String portalClientSecret,
    List<String> portalBaseUrls,
    String cliClientId,
    boolean demoUsers,
    String adminClientSecret) {

  public static final String DEFAULT_NODE_AUDIENCE = "meshwork-node";
  public static final String DEFAULT_PORTAL_CLIENT_ID = "meshwork-portal";
  public static final String DEFAULT_CLI_CLIENT_ID = "meshwork-cli";
  /** Client id of the realm's administration client (see {@code adminClientSecret}). */
  public static final String ADMIN_CLIENT_ID = "meshwork-admin";
  /** Password of every demo user (see {@code realm/demo-users.json}). Dev realms only. */
  public static final String DEMO_PASSWORD = "meshwork";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  public RealmSettings {
    requireName("realm", realm);
    if (realm.equalsIgnoreCase("master")) {
      throw new IllegalArgumentException("realm: 'master' is Keycloak's administration realm, not a meshwork realm");
    }
    requireName("nodeAudience", nodeAudience);
    requireName("portalClientId", portalClientId);
    requireName("cliClientId", cliClientId);
    if (List.of(nodeAudience, portalClientId, cliClientId).stream().distinct().count() != 3) {
      throw new IllegalArgumentException("nodeAudience, portalClientId and cliClientId must be three different client ids");
    }
    if (portalClientSecret == null || portalClientSecret.isBlank()) {
      throw new IllegalArgumentException("portalClientSecret: required");
    }
    if (portalClientSecret.length() < 8) {
      throw new IllegalArgumentException("portalClientSecret: at least 8 characters");
    }
    Objects.requireNonNull(portalBaseUrls, "portalBaseUrls");
    if (portalBaseUrls.isEmpty()) {
      throw new IllegalArgumentException("portalBaseUrls: at least one base URL");
    }
    portalBaseUrls = portalBaseUrls.stream().map(RealmSettings::baseUrl).distinct().toList();
    if (adminClientSecret != null && adminClientSecret.length() < 16) {
      throw new IllegalArgumentException("adminClientSecret: at least 16 characters");
    }
    if (List.of(nodeAudience, portalClientId, cliClientId).contains(ADMIN_CLIENT_ID)) {
      throw new IllegalArgumentException(ADMIN_CLIENT_ID + " is the administration client's id; choose another client id");
    }
  }

  /** Settings without an administration client. */
  public RealmSettings(String realm, String nodeAudience, String portalClientId, String portalClientSecret,
      List<String> portalBaseUrls, String cliClientId, boolean demoUsers) {
    this(realm, nodeAudience, portalClientId, portalClientSecret, portalBaseUrls, cliClientId, demoUsers, null);
  }

  /** The same settings with the administration client {@value #ADMIN_CLIENT_ID} and this secret. */
  public RealmSettings withAdminClientSecret(String secret) {
    return new RealmSettings(realm, nodeAudience, portalClientId, portalClientSecret, portalBaseUrls, cliClientId, demoUsers,
        java.util.Objects.requireNonNull(secret, "secret"));
  }

  /** A realm with the default client ids. */
  public static RealmSettings of(String realm, String portalClientSecret, List<String> portalBaseUrls, boolean demoUsers) {
    return new RealmSettings(realm, DEFAULT_NODE_AUDIENCE, DEFAULT_PORTAL_CLIENT_ID, portalClientSecret,
        portalBaseUrls, DEFAULT_CLI_CLIENT_ID, demoUsers);
  }

  @Override
  public String toString() {
    return "RealmSettings[realm=" + realm + ", nodeAudience=" + nodeAudience + ", portalClientId=" + portalClientId
        + ", portalClientSecret=***, portalBaseUrls=" + portalBaseUrls + ", cliClientId=" + cliClientId
        + ", demoUsers=" + demoUsers + ", adminClientSecret=" + (adminClientSecret == null ? "(none)" : "***") + "]";
  }

  private static void requireName(String field, String value) {
    if (value == null || !NAME.matcher(value).matches()) {
      throw new IllegalArgumentException(field + ": expected 1-64 of [A-Za-z0-9._-], got " + quote(value));
    }
  }

  /** Absolute http(s) URL with a host and no query or fragment; the trailing slash is dropped. */
  private static String baseUrl(String value) {
    URI uri;
    try {
      uri = new URI(Objects.requireNonNull(value, "portalBaseUrls: null entry").trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("portalBaseUrls: not a URL: " + quote(value));
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
        || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("portalBaseUrls: expected http(s)://host[:port][/path], got " + quote(value));
    }
    String s = uri.toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private static String quote(String value) {
    return value == null ? "null" : "'" + value + "'";
  }
}
