package io.meshwork.catalog.governance;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.model.contract.SemVer;
import io.meshwork.model.error.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of governance rule the mesh knows how to check. Each checks one document (a product's
 * ODPS document or a contract's ODCS document) and reports every place it falls short, with a
 * JSON pointer into that document — the same shape as validation errors.
 */
public enum RuleKind {

  /** The product names its owner team and at least one support channel. */
  OWNER_AND_SUPPORT("owner-and-support", Target.PRODUCT, "A product names its owner team and a support channel") {
    @Override
    List<Violation> check(GovernanceRule rule, JsonNode document) {
      List<Violation> violations = new ArrayList<>();
      JsonNode team = document.path("team");
      boolean named = team.isObject() ? !text(team.path("name")).isEmpty() || team.path("members").size() > 0
          : team.isArray() && team.size() > 0;
      if (!named) {
        violations.add(new Violation("/team", "name the owner team (team.name or team.members)"));
      }
      boolean supported = false;
      for (JsonNode channel : document.path("support")) {
        supported |= !text(channel.path("channel")).isEmpty() || !text(channel.path("url")).isEmpty();
      }
      if (!supported) {
        violations.add(new Violation("/support", "declare at least one support channel (support[].channel or url)"));
      }
      return violations;
    }
  },

  /** Every property of every schema object, nested ones included, has a description. */
  PROPERTIES_DESCRIBED("properties-described", Target.CONTRACT, "Every property of a contract is described") {
    @Override
    List<Violation> check(GovernanceRule rule, JsonNode document) {
      List<Violation> violations = new ArrayList<>();
      eachProperty(document, (pointer, property) -> {
        if (text(property.path("description")).isEmpty()) {
          violations.add(new Violation(pointer + "/description", "describe property '" + property.path("name").asText() + "'"));
        }
      });
      return violations;
    }
  },

  /** Columns whose name or examples look personal carry a classification. */
  PERSONAL_DATA_CLASSIFIED("personal-data-classified", Target.CONTRACT, "Columns that look personal carry a classification") {
    @Override
    List<Violation> check(GovernanceRule rule, JsonNode document) {
      List<Violation> violations = new ArrayList<>();
      eachProperty(document, (pointer, property) -> {
        if (text(property.path("classification")).isEmpty()) {
          String name = property.path("name").asText();
          PersonalData.why(name, property.path("examples")).ifPresent(why -> violations.add(new Violation(
              pointer + "/classification", "property '" + name + "' looks personal (" + why + "): give it a classification")));
        }
      });
      return violations;
    }
  },

  /** The contract declares at least one SLA property and at least one quality rule. */
  SLA_AND_QUALITY("sla-and-quality", Target.CONTRACT, "A contract declares an SLA and at least one quality rule") {
    @Override
    List<Violation> check(GovernanceRule rule, JsonNode document) {
      List<Violation> violations = new ArrayList<>();
      if (document.path("slaProperties").size() == 0) {
        violations.add(new Violation("/slaProperties", "declare at least one SLA property (e.g. latency, retention)"));
      }
      if (!hasQuality(document)) {
        violations.add(new Violation("/schema", "declare at least one quality rule (quality[] of the contract, an object or a property)"));
      }
      return violations;
    }
  },

  /** Every output port carries a semantic version and names the contract that versions its schema. */
  OUTPUT_PORTS_VERSIONED("output-ports-versioned", Target.PRODUCT, "Every output port has a semantic version and a contract") {
    @Override
    List<Violation> check(GovernanceRule rule, JsonNode document) {
      List<Violation> violations = new ArrayList<>();
      JsonNode ports = document.path("outputPorts");
      for (int i = 0; i < ports.size(); i++) {
        JsonNode port = ports.get(i);
        String name = port.path("name").asText();
        if (SemVer.parse(text(port.path("version"))).isEmpty()) {
          violations.add(new Violation("/outputPorts/" + i + "/version", "give output port '" + name + "' a semantic version such as 1.0.0"));
        }
        if (text(port.path("contractId")).isEmpty()) {
          violations.add(new Violation("/outputPorts/" + i + "/contractId", "name the contract of output port '" + name + "'"));
        }
      }
      return violations;
    }
  },

  /** A field named by a JSON pointer is present and not empty. */
  REQUIRED_FIELD("required-field", null, "A required field is present") {
    @Override
    List<Violation> check(GovernanceRule rule, JsonNode document) {
      JsonNode value = document.at(rule.pointer());
      boolean empty = value.isMissingNode() || value.isNull() || (value.isTextual() && value.asText().isBlank())
          || (value.isContainerNode() && value.size() == 0);
      return empty ? List.of(new Violation(rule.pointer(), "is required by the rule '" + rule.id() + "'")) : List.of();
    }
  };

  private final String wireName;
  private final Target target;
  private final String defaultDescription;

  RuleKind(String wireName, Target target, String defaultDescription) {
    this.wireName = wireName;
    this.target = target;
    this.defaultDescription = defaultDescription;
  }

  /** Every place {@code document} falls short of {@code rule}; empty when it meets it. */
  abstract List<Violation> check(GovernanceRule rule, JsonNode document);

  public String wireName() {
    return wireName;
  }

  /** What the kind checks; empty for kinds that check whatever a rule names ({@link #REQUIRED_FIELD}). */
  public Optional<Target> target() {
    return Optional.ofNullable(target);
  }

  public String defaultDescription() {
    return defaultDescription;
  }

  public static Optional<RuleKind> fromWire(String value) {
    return Arrays.stream(values()).filter(k -> k.wireName.equals(value)).findFirst();
  }

  private static String text(JsonNode node) {
    return node.isValueNode() ? node.asText().trim() : "";
  }

  private interface PropertyVisitor {
    void visit(String pointer, JsonNode property);
  }

  /** Visits every property of every schema object of a contract, nested ones included, with its JSON pointer. */
  private static void eachProperty(JsonNode contract, PropertyVisitor visitor) {
    JsonNode schema = contract.path("schema");
    for (int i = 0; i < schema.size(); i++) {
      eachProperty(schema.get(i).path("properties"), "/schema/" + i + "/properties", visitor);
    }
  }

  private static void eachProperty(JsonNode properties, String pointer, PropertyVisitor visitor) {
    for (int j = 0; j < properties.size(); j++) {
      JsonNode property = properties.get(j);
      visitor.visit(pointer + "/" + j, property);
      eachProperty(property.path("properties"), pointer + "/" + j + "/properties", visitor);
    }
  }

  private static boolean hasQuality(JsonNode document) {
    if (document.path("quality").size() > 0) {
      return true;
    }
    for (JsonNode object : document.path("schema")) {
      if (object.path("quality").size() > 0 || propertiesHaveQuality(object.path("properties"))) {
        return true;
      }
    }
    return false;
  }

  private static boolean propertiesHaveQuality(JsonNode properties) {
    for (JsonNode property : properties) {
      if (property.path("quality").size() > 0 || propertiesHaveQuality(property.path("properties"))) {
        return true;
      }
    }
    return false;
  }
}
