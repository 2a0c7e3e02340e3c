package io.meshwork.identity.federation;

import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A valid request to create or replace an OIDC identity provider (SAML: {@link SamlProviderRequest}). Either a discovery URL (fetched and
 * checked before anything is stored) or explicit endpoints. The client secret is write-only: required
 * on create; on replace, absent means "keep the stored one".
 */
public record ProviderRequest(
    String alias,
    String displayName,
    Optional<URI> discoveryUrl,
    Optional<Endpoints> endpoints,
    String clientId,
    Optional<String> clientSecret,
    List<String> scopes,
    boolean enabled,
    String syncMode) {

  static final Pattern ALIAS = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?");
  static final Set<String> SYNC_MODES = Set.of("IMPORT", "FORCE", "LEGACY");
  private static final Set<String> FIELDS = Set.of("alias", "type", "displayName", "discoveryUrl", "authorizationUrl",
      "tokenUrl", "jwksUrl", "issuer", "userInfoUrl", "logoutUrl", "clientId", "clientSecret", "scopes", "enabled", "syncMode");

  /** Where the provider's endpoints are; from its discovery document or given explicitly. */
  public record Endpoints(String issuer, URI authorizationUrl, URI tokenUrl, URI jwksUrl, Optional<URI> userInfoUrl,
      Optional<URI> logoutUrl) {}

  @Override
  public String toString() {
    return "ProviderRequest[alias=" + alias + ", clientId=" + clientId + ", clientSecret=" + clientSecret.map(s -> "***").orElse("(keep)") + "]";
  }

  /**
   * @param pathAlias the alias in the URL of a replace (PUT), or null for a create (alias in the body)
   */
  public static ProviderRequest parse(JsonObject body, String pathAlias) {
    if (body == null) {
      throw new InvalidException("Send a JSON object describing the identity provider", List.of(new Violation("", "expected a JSON object")));
    }
    List<Violation> violations = new ArrayList<>();
    String alias = alias(body, pathAlias, violations);
    Object type = body.getValue("type", "oidc");
    if (!"oidc".equals(type)) {
      violations.add(new Violation("/type", "oidc or saml, got " + type));
    }
    String displayName = optionalString(body, "displayName", 100, violations);
    String clientId = optionalString(body, "clientId", 255, violations);
    if (clientId == null || clientId.isBlank()) {
      violations.add(new Violation("/clientId", "required: the client id Meshwork's realm has at the provider"));
    }
    String secret = optionalString(body, "clientSecret", 1024, violations);
    if (pathAlias == null && (secret == null || secret.isBlank())) {
      violations.add(new Violation("/clientSecret", "required when creating a provider (write-only: never returned)"));
    }
    URI discovery = optionalUrl(body, "discoveryUrl", violations);
    URI authorization = optionalUrl(body, "authorizationUrl", violations);
    URI token = optionalUrl(body, "tokenUrl", violations);
    URI jwks = optionalUrl(body, "jwksUrl", violations);
    URI userInfo = optionalUrl(body, "userInfoUrl", violations);
    URI logout = optionalUrl(body, "logoutUrl", violations);
    String issuer = optionalString(body, "issuer", 1024, violations);
    boolean explicit = authorization != null || token != null || jwks != null || issuer != null;
    Optional<Endpoints> endpoints = Optional.empty();
    if (discovery != null && explicit) {
      violations.add(new Violation("/discoveryUrl", "give either discoveryUrl or explicit endpoints, not both"));
    } else if (discovery == null && !explicit) {
      violations.add(new Violation("/discoveryUrl", "required, unless authorizationUrl, tokenUrl, jwksUrl and issuer are given"));
    } else if (explicit) {
      for (var required : List.of(new Object[] {"authorizationUrl", authorization}, new Object[] {"tokenUrl", token},
          new Object[] {"jwksUrl", jwks}, new Object[] {"issuer", issuer})) {
        if (required[1] == null && body.getValue((String) required[0]) == null) {
          violations.add(new Violation("/" + required[0], "required with explicit endpoints"));
        }
      }
      if (authorization != null && token != null && jwks != null && issuer != null) {
        endpoints = Optional.of(new Endpoints(issuer, authorization, token, jwks, Optional.ofNullable(userInfo), Optional.ofNullable(logout)));
      }
    }
    List<String> scopes = List.of("openid", "profile", "email");
    Object rawScopes = body.getValue("scopes");
    if (rawScopes != null) {
      if (!(rawScopes instanceof JsonArray array) || array.isEmpty()
          || !array.stream().allMatch(s -> s instanceof String str && str.matches("[\\x21\\x23-\\x5B\\x5D-\\x7E]+"))) {
        violations.add(new Violation("/scopes", "an array of OAuth scope names, e.g. [\"openid\", \"email\"]"));
      } else {
        scopes = array.stream().map(String.class::cast).toList();
        if (!scopes.contains("openid")) {
          violations.add(new Violation("/scopes", "must include openid"));
        }
      }
    }
    Object enabled = body.getValue("enabled", true);
    if (!(enabled instanceof Boolean)) {
      violations.add(new Violation("/enabled", "must be true or false"));
    }
    Object syncMode = body.getValue("syncMode", "FORCE");
    String sync = syncMode instanceof String s ? s.toUpperCase(Locale.ROOT) : null;
    if (sync == null || !SYNC_MODES.contains(sync)) {
      violations.add(new Violation("/syncMode", "one of IMPORT, FORCE (re-apply mappers at every login), LEGACY"));
    }
    for (String field : body.fieldNames()) {
      if (!FIELDS.contains(field)) {
        violations.add(new Violation("/" + field, "unknown field"));
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidException("The identity provider is invalid", violations);
    }
    return new ProviderRequest(alias, displayName == null || displayName.isBlank() ? alias : displayName,
        Optional.ofNullable(discovery), endpoints, clientId, Optional.ofNullable(secret).filter(s -> !s.isBlank()),
        scopes, (Boolean) enabled, sync);
  }

  /** The alias: from the path for a replace (the body may repeat it, not change it), else from the body. */
  static String alias(JsonObject body, String pathAlias, List<Violation> violations) {
    String alias = body.getValue("alias") instanceof String s ? s : null;
    if (pathAlias != null) {
      if (alias != null && !alias.equals(pathAlias)) {
        violations.add(new Violation("/alias", "must equal the alias in the path (" + pathAlias + "); an alias cannot be renamed"));
      }
      return pathAlias;
    }
    if (alias == null || !ALIAS.matcher(alias).matches()) {
      violations.add(new Violation("/alias", "required: 1-40 of [a-z0-9-], starting and ending with a letter or digit"
          + (body.getValue("alias") == null ? "" : ", got " + body.getValue("alias"))));
    }
    return alias;
  }

  private static String optionalString(JsonObject body, String field, int max, List<Violation> violations) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s) || s.length() > max) {
      violations.add(new Violation("/" + field, "must be a string of at most " + max + " characters"));
      return null;
    }
    return s;
  }

  static URI optionalUrl(JsonObject body, String field, List<Violation> violations) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    try {
      URI uri = new URI((String) value);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
        return uri;
      }
    } catch (Exception e) {
      // reported below
    }
    violations.add(new Violation("/" + field, "must be an absolute http(s) URL, got " + value));
    return null;
  }
}
