package io.meshwork.identity.user;

import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What the users API accepts, checked once at the edge: the Meshwork realm roles, domain group paths
 * ({@code /domains/<domain>} or below), domain names and page bounds.
 */
public final class UserRequests {

  /** The realm roles the API assigns; Keycloak's own (offline_access, default roles…) are not Meshwork's to hand out. */
  public static final Set<String> ROLES = Set.of("mesh-admin", "domain-owner", "data-consumer", "sre");
  static final int DEFAULT_MAX = 20;
  static final int MAX_MAX = 100;
  private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?");
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

  private UserRequests() {}

  /** One page: {@code first} from 0, {@code max} 1–{@value #MAX_MAX}. */
  public record Page(int first, int max) {}

  public static Page page(String first, String max) {
    List<Violation> violations = new ArrayList<>();
    int f = integer(first, 0, 0, Integer.MAX_VALUE, "first", violations);
    int m = integer(max, DEFAULT_MAX, 1, MAX_MAX, "max", violations);
    if (!violations.isEmpty()) {
      throw new InvalidException("Invalid page", violations);
    }
    return new Page(f, m);
  }

  public static String role(String role) {
    if (!ROLES.contains(role)) {
      throw new InvalidException("Unknown role", List.of(new Violation("/role",
          "'" + role + "' is not a Meshwork realm role; one of " + new TreeSet<>(ROLES))));
    }
    return role;
  }

  /** A domain group path, e.g. {@code /domains/orders} or {@code /domains/orders/members}. */
  public record DomainGroup(String path, String domain) {}

  public static DomainGroup domainGroup(String path) {
    String reason = null;
    if (path == null || path.isBlank()) {
      reason = "required: the group's path, e.g. /domains/orders";
    } else if (!path.startsWith("/domains/")) {
      reason = "'" + path + "' is not a domain group: only groups under /domains may be assigned";
    } else {
      String[] segments = path.substring("/domains/".length()).split("/", -1);
      for (String segment : segments) {
        if (!SEGMENT.matcher(segment).matches()) {
          reason = "'" + path + "' is not a valid group path";
        }
      }
      if (reason == null) {
        return new DomainGroup(path, segments[0]);
      }
    }
    throw new InvalidException("Invalid group", List.of(new Violation("/path", reason)));
  }

  public static String domain(String domain) {
    if (domain == null || !SLUG.matcher(domain).matches()) {
      throw new InvalidException("Invalid domain", List.of(new Violation("/domain",
          "a domain name is 1-40 of [a-z0-9-], starting and ending with a letter or digit")));
    }
    return domain;
  }

  private static int integer(String value, int fallback, int min, int max, String name, List<Violation> violations) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    violations.add(new Violation("/" + name, "an integer from " + min + " to " + max));
    return fallback;
  }
}
