package io.meshwork.model.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.model.document.DescriptorRoot;
import io.meshwork.model.document.DocumentChecks;
import io.meshwork.model.error.Violation;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Structural rules of a Bitol ODCS v3 data contract, plus what Meshwork adds: a {@code domain}
 * (it decides who may change the contract), a semver {@code version} (it drives the
 * breaking-change gate) and unique object and property names (they are how versions are
 * compared). Collects every violation.
 */
final class OdcsValidator {

  static final Set<String> API_VERSIONS = Set.of("v3.0.0", "v3.0.1", "v3.0.2", "v3.1.0");
  static final Set<String> LOGICAL_TYPES = Set.of("string", "date", "timestamp", "time", "number", "integer", "object", "array", "boolean");
  static final Set<String> QUALITY_TYPES = Set.of("text", "library", "sql", "custom");
  private static final int MAX_DEPTH = 16;

  private final DocumentChecks checks;

  private OdcsValidator(JsonNode document) {
    this.checks = new DocumentChecks(document);
  }

  static List<Violation> validate(JsonNode document) {
    if (document == null || !document.isObject()) {
      return List.of(new Violation("", "a data contract must be an object"));
    }
    var validator = new OdcsValidator(document);
    validator.root();
    return validator.checks.violations();
  }

  private void root() {
    DescriptorRoot.identity(checks, "DataContract", API_VERSIONS);
    String version = checks.requiredString("/version");
    if (version != null && SemVer.parse(version).isEmpty()) {
      checks.violation("/version", "must be a semantic version such as 1.0.0");
    }
    DescriptorRoot.ownership(checks);
    for (String field : List.of("/name", "/tenant", "/dataProduct", "/contractCreatedTs")) {
      checks.optionalString(field);
    }
    checks.stringArray("/tags");
    DescriptorRoot.description(checks);
    schema();
    slaProperties();
    checks.forEachObject("/roles", this::role);
    checks.forEachObject("/servers", pointer -> {
      checks.requiredString(pointer + "/server");
      checks.requiredString(pointer + "/type");
      checks.optionalString(pointer + "/environment");
      checks.optionalString(pointer + "/description");
      checks.forEachObject(pointer + "/roles", this::role);
    });
    checks.forEachObject("/support", pointer -> checks.requiredString(pointer + "/channel"));
    checks.optionalObject("/team");
    checks.customProperties("/customProperties");
  }

  private void schema() {
    Set<String> names = new HashSet<>();
    checks.forEachObject("/schema", pointer -> {
      uniqueName(pointer, names, "object");
      String logicalType = checks.optionalString(pointer + "/logicalType");
      if (logicalType != null && !logicalType.equals("object")) {
        checks.violation(pointer + "/logicalType", "must be object for a schema object");
      }
      for (String field : List.of("/physicalName", "/physicalType", "/description", "/businessName", "/dataGranularityDescription")) {
        checks.optionalString(pointer + field);
      }
      checks.stringArray(pointer + "/tags");
      quality(pointer + "/quality");
      properties(pointer + "/properties", 1);
    });
  }

  private void properties(String pointer, int depth) {
    if (depth > MAX_DEPTH) {
      checks.violation(pointer, "nests deeper than " + MAX_DEPTH + " levels");
      return;
    }
    Set<String> names = new HashSet<>();
    checks.forEachObject(pointer, element -> {
      uniqueName(element, names, "property");
      checks.oneOf(element + "/logicalType", checks.optionalString(element + "/logicalType"), LOGICAL_TYPES);
      for (String field : List.of("/physicalType", "/physicalName", "/classification", "/description", "/businessName")) {
        checks.optionalString(element + field);
      }
      for (String field : List.of("/required", "/unique", "/primaryKey", "/partitioned", "/criticalDataElement")) {
        checks.optionalBoolean(element + field);
      }
      checks.optionalInteger(element + "/primaryKeyPosition");
      checks.optionalInteger(element + "/partitionKeyPosition");
      checks.optionalObject(element + "/logicalTypeOptions");
      checks.optionalArray(element + "/examples");
      checks.stringArray(element + "/tags");
      quality(element + "/quality");
      properties(element + "/properties", depth + 1);
    });
  }

  private void quality(String pointer) {
    checks.forEachObject(pointer, rule -> {
      String type = checks.optionalString(rule + "/type");
      checks.oneOf(rule + "/type", type, QUALITY_TYPES);
      String effective = type == null ? "library" : type;
      switch (effective) {
        case "library" -> {
          // 'rule' is the pre-3.1 spelling of 'metric'; accept either
          if (!checks.present(rule + "/metric") && !checks.present(rule + "/rule")) {
            checks.violation(rule + "/metric", "is required for a library rule");
          }
          checks.optionalObject(rule + "/arguments");
        }
        case "sql" -> checks.requiredString(rule + "/query");
        case "custom" -> {
          checks.requiredString(rule + "/engine");
          if (!checks.present(rule + "/implementation")) {
            checks.violation(rule + "/implementation", "is required for a custom rule");
          }
        }
        default -> checks.optionalString(rule + "/description");
      }
      for (String field : List.of("/name", "/dimension", "/severity", "/description", "/businessImpact")) {
        checks.optionalString(rule + field);
      }
    });
  }

  private void slaProperties() {
    checks.forEachObject("/slaProperties", pointer -> {
      checks.requiredString(pointer + "/property");
      JsonNode value = checks.at(pointer + "/value");
      if (value.isMissingNode()) {
        checks.violation(pointer + "/value", "is required");
      } else if (value.isContainerNode()) {
        checks.violation(pointer + "/value", "must be a string, number or boolean");
      }
      checks.optionalString(pointer + "/unit");
      checks.optionalString(pointer + "/element");
    });
  }

  private void role(String pointer) {
    checks.requiredString(pointer + "/role");
    checks.optionalString(pointer + "/access");
    checks.optionalString(pointer + "/description");
  }

  private void uniqueName(String pointer, Set<String> seen, String what) {
    String name = checks.requiredString(pointer + "/name");
    if (name != null && !seen.add(name)) {
      checks.violation(pointer + "/name", "duplicates the " + what + " name '" + name + "'");
    }
  }
}
