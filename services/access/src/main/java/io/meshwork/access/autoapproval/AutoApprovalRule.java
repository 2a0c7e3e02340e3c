package io.meshwork.access.autoapproval;

import io.meshwork.access.pdp.Column;
import io.meshwork.access.pdp.PortResource;
import io.meshwork.model.error.Violation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A product owner's standing "yes": requests for this port that match are approved the moment they
 * are made (if every policy allows them too) — e.g. members of /teams/analysts, for analytics, for
 * up to 30 days, when no restricted column is asked for.
 *
 * @param groups requester must be in one of these groups (empty: anyone signed in)
 * @param purposes the request's purpose must be one of these (empty: any)
 * @param excludedClassifications no requested column may carry one of these classifications
 */
public record AutoApprovalRule(String port, Set<String> groups, Set<String> purposes, int maxDays, Set<String> excludedClassifications) {

  public static final Set<String> DEFAULT_EXCLUDED = Set.of("restricted", "confidential", "pii");

  public AutoApprovalRule {
    Objects.requireNonNull(port, "port");
    groups = Set.copyOf(groups);
    purposes = Set.copyOf(purposes);
    excludedClassifications = excludedClassifications.stream().map(c -> c.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  /** Whether a request for {@code columns} (empty: all) of {@code resource} by a member of {@code requesterGroups} matches. */
  public boolean matches(PortResource resource, String purpose, int days, Set<String> columns, Set<String> requesterGroups) {
    if (!resource.port().equals(port) || days > maxDays) {
      return false;
    }
    if (!purposes.isEmpty() && !purposes.contains(purpose)) {
      return false;
    }
    if (!groups.isEmpty() && groups.stream().noneMatch(requesterGroups::contains)) {
      return false;
    }
    return resource.columns().stream()
        .filter(c -> columns.isEmpty() || columns.contains(c.name()))
        .map(Column::classification)
        .noneMatch(c -> c != null && excludedClassifications.contains(c.toLowerCase(Locale.ROOT)));
  }

  public String describe() {
    return "port " + port + (groups.isEmpty() ? "" : ", members of " + groups.stream().sorted().toList())
        + (purposes.isEmpty() ? "" : ", for " + purposes.stream().sorted().toList()) + ", up to " + maxDays + " days"
        + (excludedClassifications.isEmpty() ? "" : ", no " + excludedClassifications.stream().sorted().toList() + " columns");
  }

  public JsonObject toJson() {
    return new JsonObject().put("port", port).put("groups", new JsonArray(groups.stream().sorted().toList()))
        .put("purposes", new JsonArray(purposes.stream().sorted().toList())).put("maxDays", maxDays)
        .put("excludedClassifications", new JsonArray(excludedClassifications.stream().sorted().toList()));
  }

  /** Reads one rule from JSON; problems go to {@code violations} under {@code pointer}. */
  static AutoApprovalRule fromJson(Object value, String pointer, List<Violation> violations) {
    if (!(value instanceof JsonObject json)) {
      violations.add(new Violation(pointer, "must be an object with port, groups, purposes, maxDays"));
      return null;
    }
    String port = json.getValue("port") instanceof String p && !p.isBlank() ? p : null;
    if (port == null) {
      violations.add(new Violation(pointer + "/port", "is required"));
    }
    Object days = json.getValue("maxDays");
    int maxDays = days instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.intValue() >= 1 && n.intValue() <= 365 ? n.intValue() : -1;
    if (maxDays < 0) {
      violations.add(new Violation(pointer + "/maxDays", "must be a whole number of days between 1 and 365"));
    }
    Set<String> groups = strings(json, "groups", pointer, violations);
    Set<String> purposes = strings(json, "purposes", pointer, violations);
    Set<String> excluded = json.containsKey("excludedClassifications") ? strings(json, "excludedClassifications", pointer, violations) : DEFAULT_EXCLUDED;
    return port == null || maxDays < 0 ? null : new AutoApprovalRule(port, groups, purposes, maxDays, excluded);
  }

  private static Set<String> strings(JsonObject json, String field, String pointer, List<Violation> violations) {
    Set<String> values = new HashSet<>();
    Object value = json.getValue(field);
    if (value == null) {
      return values;
    }
    if (!(value instanceof JsonArray array)) {
      violations.add(new Violation(pointer + "/" + field, "must be an array of strings"));
      return values;
    }
    for (int i = 0; i < array.size(); i++) {
      if (array.getValue(i) instanceof String s && !s.isBlank()) {
        values.add(s);
      } else {
        violations.add(new Violation(pointer + "/" + field + "/" + i, "must be a non-empty string"));
      }
    }
    return values;
  }
}
