package io.meshwork.runtime.auth;

import io.meshwork.model.error.UnauthorizedException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Who is calling, as read from a verified access token: the subject, a display username, the
 * realm roles, the Keycloak group paths (e.g. {@code /domains/orders}), and the identity provider a
 * federated user signed in through ({@code identity_provider} claim; null for local accounts).
 */
public record Caller(String subject, String username, Set<String> roles, Set<String> groups, String identityProvider) {

  public static final String MESH_ADMIN = "mesh-admin";
  public static final String DOMAIN_OWNER = "domain-owner";
  static final String CONTEXT_KEY = "meshwork.caller";

  public Caller {
    Objects.requireNonNull(subject, "subject");
    username = username == null ? subject : username;
    roles = Set.copyOf(roles);
    groups = Set.copyOf(groups);
  }

  /** A caller who signed in with a local account (no identity provider). */
  public Caller(String subject, String username, Set<String> roles, Set<String> groups) {
    this(subject, username, roles, groups, null);
  }

  /** Reads the claims Meshwork uses from a verified token payload. */
  public static Caller fromClaims(JsonObject claims) {
    JsonObject realmAccess = claims.getJsonObject("realm_access", new JsonObject());
    return new Caller(
        claims.getString("sub"),
        claims.getString("preferred_username"),
        strings(realmAccess.getJsonArray("roles")),
        strings(claims.getJsonArray("groups")),
        claims.getString("identity_provider"));
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  /** Member of the domain's group or of any group below it ({@code /domains/orders/owners}). */
  public boolean inDomain(String domain) {
    String group = "/domains/" + domain;
    return groups.contains(group) || groups.stream().anyMatch(g -> g.startsWith(group + "/"));
  }

  /** A domain owner of the domain: the {@code domain-owner} role and membership of the domain's groups. */
  public boolean ownsDomain(String domain) {
    return domain != null && hasRole(DOMAIN_OWNER) && inDomain(domain);
  }

  /** A mesh admin, or an owner of the domain ({@link #ownsDomain}): who may change what the domain holds. */
  public boolean administers(String domain) {
    return hasRole(MESH_ADMIN) || ownsDomain(domain);
  }

  /** The caller authenticated by the auth handler earlier in the route chain. */
  public static Caller of(RoutingContext ctx) {
    Caller caller = ctx.get(CONTEXT_KEY);
    if (caller == null) {
      throw new UnauthorizedException("No valid bearer token was presented");
    }
    return caller;
  }

  private static Set<String> strings(JsonArray array) {
    Set<String> values = new HashSet<>();
    if (array != null) {
      for (Object value : array) {
        if (value instanceof String s) {
          values.add(s);
        }
      }
    }
    return values;
  }

  public List<String> sortedRoles() {
    return roles.stream().sorted().toList();
  }
}
