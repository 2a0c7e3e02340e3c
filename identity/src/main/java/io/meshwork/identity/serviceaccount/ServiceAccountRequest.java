package io.meshwork.identity.serviceaccount;

import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A valid request for a new service account: the domain it acts for, its name within the domain,
 * the realm roles it gets and an optional description. {@link #parse} reports every violation.
 */
public record ServiceAccountRequest(String domain, String name, Set<String> roles, String description) {

  /** Roles a service account may hold. Never {@code mesh-admin}: a leaked secret must not own the mesh. */
  public static final Set<String> GRANTABLE_ROLES = Set.of("domain-owner", "data-consumer", "sre");

  static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?");
  private static final int MAX_DESCRIPTION = 255;

  public ServiceAccountRequest {
    roles = Set.copyOf(new TreeSet<>(roles));
    description = description == null ? "" : description;
  }

  /** Keycloak client id of the account: {@code sa-<domain>-<name>}. */
  public String clientId() {
    return ServiceAccount.PREFIX + domain + "-" + name;
  }

  public static ServiceAccountRequest parse(JsonObject body) {
    if (body == null) {
      throw new InvalidException("Send a JSON object with domain, name and roles",
          List.of(new Violation("", "expected a JSON object")));
    }
    List<Violation> violations = new ArrayList<>();
    String domain = slug(body, "domain", violations);
    String name = slug(body, "name", violations);
    Set<String> roles = new TreeSet<>();
    Object rawRoles = body.getValue("roles");
    if (!(rawRoles instanceof JsonArray array) || array.isEmpty()) {
      violations.add(new Violation("/roles", "required: a non-empty array of " + new TreeSet<>(GRANTABLE_ROLES)));
    } else {
      for (int i = 0; i < array.size(); i++) {
        Object role = array.getValue(i);
        if (!(role instanceof String s) || !GRANTABLE_ROLES.contains(s)) {
          violations.add(new Violation("/roles/" + i, "a service account may only hold " + new TreeSet<>(GRANTABLE_ROLES)
              + ", got " + role));
        } else {
          roles.add(s);
        }
      }
    }
    Object description = body.getValue("description");
    if (description != null && !(description instanceof String)) {
      violations.add(new Violation("/description", "must be a string"));
    } else if (description != null && ((String) description).length() > MAX_DESCRIPTION) {
      violations.add(new Violation("/description", "at most " + MAX_DESCRIPTION + " characters"));
    }
    for (String field : body.fieldNames()) {
      if (!Set.of("domain", "name", "roles", "description").contains(field)) {
        violations.add(new Violation("/" + field, "unknown field"));
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidException("The service account request is invalid", violations);
    }
    return new ServiceAccountRequest(domain, name, roles, (String) description);
  }

  private static String slug(JsonObject body, String field, List<Violation> violations) {
    Object value = body.getValue(field);
    if (!(value instanceof String s) || !SLUG.matcher(s).matches()) {
      violations.add(new Violation("/" + field, "required: 1-40 of [a-z0-9-], starting and ending with a letter or digit"
          + (value == null ? "" : ", got " + value)));
      return null;
    }
    return s;
  }
}
