package io.meshwork.identity.federation;

import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A valid mapper of an identity provider: what a federated user gets from the provider's claims
 * (OIDC) or attributes (SAML: {@code claim} names the attribute).
 * <ul>
 *   <li>{@code role}: when claim {@code claim} has value {@code value}, the realm role {@code role};</li>
 *   <li>{@code group}: when claim {@code claim} has value {@code value}, membership of {@code group}
 *       (a domain group, {@code /domains/<domain>} or below);</li>
 *   <li>{@code username}: the Meshwork username from a template, e.g. {@code ${CLAIM.email}}.</li>
 * </ul>
 */
public record MapperRequest(String name, Kind kind, Map<String, String> settings) {

  /** What a mapper does; Keycloak has one mapper type per kind and protocol ({@code claim} is a SAML attribute name). */
  public enum Kind {
    ROLE("oidc-role-idp-mapper", "saml-role-idp-mapper"),
    GROUP("oidc-advanced-group-idp-mapper", "saml-advanced-group-idp-mapper"),
    USERNAME("oidc-username-idp-mapper", "saml-username-idp-mapper");

    final String oidcType;
    final String samlType;

    Kind(String oidcType, String samlType) {
      this.oidcType = oidcType;
      this.samlType = samlType;
    }

    String keycloakType(boolean saml) {
      return saml ? samlType : oidcType;
    }

    static Kind ofKeycloakType(String type) {
      for (Kind kind : values()) {
        if (kind.oidcType.equals(type) || kind.samlType.equals(type)) {
          return kind;
        }
      }
      return null;
    }
  }

  static final Set<String> MAPPABLE_ROLES = Set.of("mesh-admin", "domain-owner", "data-consumer", "sre");
  private static final Pattern NAME = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?");
  private static final Pattern GROUP = Pattern.compile("/domains/[a-z0-9-]+(/[a-z0-9-]+)*");

  public MapperRequest {
    settings = Map.copyOf(settings);
  }

  public static MapperRequest parse(JsonObject body) {
    if (body == null) {
      throw new InvalidException("Send a JSON object describing the mapper", List.of(new Violation("", "expected a JSON object")));
    }
    List<Violation> violations = new ArrayList<>();
    Object name = body.getValue("name");
    if (!(name instanceof String s) || !NAME.matcher(s).matches()) {
      violations.add(new Violation("/name", "required: 1-40 of [a-z0-9-]"));
    }
    Object rawKind = body.getValue("kind");
    Kind kind = null;
    try {
      kind = rawKind instanceof String s ? Kind.valueOf(s.toUpperCase(java.util.Locale.ROOT)) : null;
    } catch (IllegalArgumentException e) {
      // reported below
    }
    Set<String> allowed = Set.of("name", "kind");
    Map<String, String> settings = new java.util.HashMap<>();
    if (kind == null) {
      violations.add(new Violation("/kind", "required: role, group or username"));
    } else {
      switch (kind) {
        case ROLE -> {
          allowed = Set.of("name", "kind", "claim", "value", "role");
          required(body, "claim", settings, violations);
          required(body, "value", settings, violations);
          Object role = body.getValue("role");
          if (!(role instanceof String r) || !MAPPABLE_ROLES.contains(r)) {
            violations.add(new Violation("/role", "required: one of " + new java.util.TreeSet<>(MAPPABLE_ROLES)));
          } else {
            settings.put("role", r);
          }
        }
        case GROUP -> {
          allowed = Set.of("name", "kind", "claim", "value", "group");
          required(body, "claim", settings, violations);
          required(body, "value", settings, violations);
          Object group = body.getValue("group");
          if (!(group instanceof String g) || !GROUP.matcher(g).matches()) {
            violations.add(new Violation("/group", "required: a domain group path, /domains/<domain>[/<subgroup>]"));
          } else {
            settings.put("group", g);
          }
        }
        case USERNAME -> {
          allowed = Set.of("name", "kind", "template");
          required(body, "template", settings, violations);
          if (settings.containsKey("template") && !settings.get("template").contains("${")) {
            violations.add(new Violation("/template", "a template with at least one ${...}, e.g. ${CLAIM.email} or ${ALIAS}.${CLAIM.preferred_username} (SAML: ${ATTRIBUTE.name})"));
          }
        }
      }
    }
    for (String field : body.fieldNames()) {
      if (!allowed.contains(field) && !Set.of("name", "kind", "claim", "value", "role", "group", "template").contains(field)) {
        violations.add(new Violation("/" + field, "unknown field"));
      } else if (!allowed.contains(field) && kind != null) {
        violations.add(new Violation("/" + field, "not used by a " + kind.name().toLowerCase(java.util.Locale.ROOT) + " mapper"));
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidException("The mapper is invalid", violations);
    }
    return new MapperRequest((String) name, kind, settings);
  }

  private static void required(JsonObject body, String field, Map<String, String> settings, List<Violation> violations) {
    Object value = body.getValue(field);
    if (!(value instanceof String s) || s.isBlank() || s.length() > 255) {
      violations.add(new Violation("/" + field, "required: a non-empty string"));
    } else {
      settings.put(field, s);
    }
  }
}
