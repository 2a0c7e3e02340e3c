package io.meshwork.catalog.governance;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A governance standard a product or contract must meet to become active: a kind (what is
 * checked), what it applies to, and the domain it is scoped to — none for a mesh-wide rule, set by
 * a mesh admin; a domain's own rules come on top, set by its owners.
 *
 * @param domain  null for a mesh-wide rule
 * @param pointer the JSON pointer a {@link RuleKind#REQUIRED_FIELD} rule requires; null for other kinds
 */
public record GovernanceRule(String id, RuleKind kind, Target appliesTo, String domain, String description, String pointer) {

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
  private static final Pattern DOMAIN = Pattern.compile("[a-z][a-z0-9-]*");
  private static final Set<String> FIELDS = Set.of("id", "kind", "appliesTo", "domain", "description", "pointer");
  private static final int MAX_DESCRIPTION = 500;

  /** Every problem of a rule as sent to {@code PUT /api/v1/governance/rules/{id}}, at once. */
  public static GovernanceRule from(String id, JsonObject body) {
    List<Violation> violations = new ArrayList<>();
    if (!ID.matcher(id).matches()) {
      violations.add(new Violation("/id", "must be 1-100 lower-case letters, digits, '.', '_' or '-'"));
    }
    body.fieldNames().stream().filter(f -> !FIELDS.contains(f)).sorted()
        .forEach(f -> violations.add(new Violation("/" + f, "is not a field of a governance rule (" + String.join(", ", FIELDS.stream().sorted().toList()) + ")")));
    Object bodyId = body.getValue("id");
    if (bodyId != null && !id.equals(bodyId)) {
      violations.add(new Violation("/id", "must equal the id in the URL ('" + id + "')"));
    }
    RuleKind kind = text(body, "kind", violations).flatMap(RuleKind::fromWire).orElse(null);
    if (kind == null) {
      violations.add(new Violation("/kind", "must be one of " + String.join(", ", java.util.Arrays.stream(RuleKind.values()).map(RuleKind::wireName).toList())));
    }
    String appliesToText = optionalText(body, "appliesTo", violations);
    Target appliesTo = appliesToText == null ? null : Target.fromWire(appliesToText).orElse(null);
    if (appliesToText != null && appliesTo == null) {
      violations.add(new Violation("/appliesTo", "must be product or contract"));
    }
    if (kind != null) {
      if (kind.target().isPresent()) {
        if (appliesTo != null && appliesTo != kind.target().get()) {
          violations.add(new Violation("/appliesTo", "a " + kind.wireName() + " rule applies to " + kind.target().get().wireName() + "s"));
        }
        appliesTo = kind.target().get();
      } else if (appliesToText == null) {
        violations.add(new Violation("/appliesTo", "is required for a " + kind.wireName() + " rule: product or contract"));
      }
    }
    String domain = optionalText(body, "domain", violations);
    if (domain != null && !DOMAIN.matcher(domain).matches()) {
      violations.add(new Violation("/domain", "must be a domain name such as orders (lower case, [a-z][a-z0-9-]*)"));
    }
    String description = optionalText(body, "description", violations);
    if (description != null && description.length() > MAX_DESCRIPTION) {
      violations.add(new Violation("/description", "must be at most " + MAX_DESCRIPTION + " characters"));
    }
    String pointer = optionalText(body, "pointer", violations);
    if (kind == RuleKind.REQUIRED_FIELD) {
      if (pointer == null || !pointer.startsWith("/") || pointer.length() > 300) {
        violations.add(new Violation("/pointer", "is required for a required-field rule: a JSON pointer such as /description/purpose"));
      }
    } else if (pointer != null) {
      violations.add(new Violation("/pointer", "only required-field rules name a pointer"));
    }
    if (!violations.isEmpty()) {
      throw new InvalidException("The governance rule is invalid", violations);
    }
    return new GovernanceRule(id, kind, appliesTo, domain, description == null ? kind.defaultDescription() : description, pointer);
  }

  /** Every place {@code document} (a product's or a contract's, as {@link #appliesTo} says) falls short of this rule. */
  public List<Violation> check(JsonNode document) {
    return kind.check(this, document);
  }

  /** Applies to documents of {@code domain}: mesh-wide, or that domain's own. */
  public boolean appliesToDomain(String domain) {
    return this.domain == null || this.domain.equals(domain);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("id", id).put("kind", kind.wireName()).put("appliesTo", appliesTo.wireName())
        .put("domain", domain).put("description", description);
    if (pointer != null) {
      json.put("pointer", pointer);
    }
    return json;
  }

  private static java.util.Optional<String> text(JsonObject body, String field, List<Violation> violations) {
    return java.util.Optional.ofNullable(optionalText(body, field, violations));
  }

  private static String optionalText(JsonObject body, String field, List<Violation> violations) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text) || text.isBlank()) {
      violations.add(new Violation("/" + field, "must be a non-empty string"));
      return null;
    }
    return text.trim();
  }
}
