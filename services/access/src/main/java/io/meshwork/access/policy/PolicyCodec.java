package io.meshwork.access.policy;

import io.meshwork.access.pdp.Policy;
import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import io.meshwork.model.lifecycle.Lifecycle;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Policies as JSON, the form they are stored and exchanged in. Reading validates everything and
 * reports every problem with its pointer; writing gives back exactly what reading accepts.
 *
 * <pre>
 * {"kind": "purposeForClassification", "classification": "restricted", "purposes": ["fraud", "legal"]}
 * {"kind": "maxDuration", "maxDays": 90, "classification": "restricted"}     (classification optional)
 * {"kind": "requireStatus", "statuses": ["active"]}
 * {"kind": "neverUnmaskForProvider", "identityProvider": "partner", "classification": "pii"}
 * </pre>
 * plus {@code "domain": "orders"} for a domain policy (absent: global).
 */
public final class PolicyCodec {

  static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final Set<String> KINDS = Set.of("purposeForClassification", "maxDuration", "requireStatus", "neverUnmaskForProvider");

  private PolicyCodec() {}

  public static Policy read(String id, JsonObject json) {
    List<Violation> violations = new ArrayList<>();
    if (!ID.matcher(id).matches()) {
      violations.add(new Violation("/id", "must be 1-64 lower-case letters, digits, '.', '_' or '-'"));
    }
    String domain = optionalText(json, "domain", violations);
    String kind = optionalText(json, "kind", violations);
    if (kind == null || !KINDS.contains(kind)) {
      violations.add(new Violation("/kind", "must be one of " + KINDS.stream().sorted().toList()));
      throw new InvalidException("The policy is invalid", violations);
    }
    Policy policy = switch (kind) {
      case "purposeForClassification" -> new Policy.PurposeForClassification(id, domain,
          requiredText(json, "classification", violations), texts(json, "purposes", violations));
      case "maxDuration" -> {
        Object raw = json.getValue("maxDays");
        Integer days = raw instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.longValue() > 0
            && n.longValue() <= 3650 ? n.intValue() : null;
        if (days == null) {
          violations.add(new Violation("/maxDays", "must be a whole number of days between 1 and 3650"));
        }
        yield new Policy.MaxDuration(id, domain, optionalText(json, "classification", violations), Duration.ofDays(days == null ? 1 : days));
      }
      case "requireStatus" -> {
        Set<Lifecycle> statuses = new HashSet<>();
        for (String status : texts(json, "statuses", violations)) {
          Lifecycle.fromWire(status).ifPresentOrElse(statuses::add,
              () -> violations.add(new Violation("/statuses", "unknown status '" + status + "'")));
        }
        yield new Policy.RequireStatus(id, domain, statuses);
      }
      default -> new Policy.NeverUnmaskForProvider(id, domain, requiredText(json, "identityProvider", violations),
          requiredText(json, "classification", violations));
    };
    if (!violations.isEmpty()) {
      throw new InvalidException("The policy is invalid", violations);
    }
    return policy;
  }

  public static JsonObject write(Policy policy) {
    JsonObject json = new JsonObject().put("id", policy.id());
    if (policy.domain() != null) {
      json.put("domain", policy.domain());
    }
    if (policy instanceof Policy.PurposeForClassification p) {
      json.put("kind", "purposeForClassification").put("classification", p.classification())
          .put("purposes", new JsonArray(p.purposes().stream().sorted().toList()));
    } else if (policy instanceof Policy.MaxDuration p) {
      json.put("kind", "maxDuration").put("maxDays", p.max().toDays());
      if (p.classification() != null) {
        json.put("classification", p.classification());
      }
    } else if (policy instanceof Policy.RequireStatus p) {
      json.put("kind", "requireStatus").put("statuses", new JsonArray(p.statuses().stream().map(Lifecycle::wireName).sorted().toList()));
    } else if (policy instanceof Policy.NeverUnmaskForProvider p) {
      json.put("kind", "neverUnmaskForProvider").put("identityProvider", p.identityProvider()).put("classification", p.classification());
    }
    return json.put("description", policy.describe());
  }

  private static String requiredText(JsonObject json, String field, List<Violation> violations) {
    String value = optionalText(json, field, violations);
    if (value == null) {
      violations.add(new Violation("/" + field, "is required"));
      return "missing";
    }
    return value;
  }

  private static String optionalText(JsonObject json, String field, List<Violation> violations) {
    Object value = json.getValue(field);
    if (value == null) {
      return null;
    }
    if (value instanceof String text && !text.isBlank()) {
      return text;
    }
    violations.add(new Violation("/" + field, "must be a non-empty string"));
    return null;
  }

  private static Set<String> texts(JsonObject json, String field, List<Violation> violations) {
    Set<String> values = new HashSet<>();
    if (!(json.getValue(field) instanceof JsonArray array) || array.isEmpty()) {
      violations.add(new Violation("/" + field, "must be a non-empty array of strings"));
      return values;
    }
    for (int i = 0; i < array.size(); i++) {
      if (array.getValue(i) instanceof String s && !s.isBlank()) {
        values.add(s);
      } else {
        violations.add(new Violation("/" + field + "/" + i, "must be a non-empty string"));
      }
    }
    return values;
  }
}
