package io.meshwork.model.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.model.document.DocumentChecks;
import io.meshwork.model.error.Violation;
import io.meshwork.model.lifecycle.Lifecycle;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
  static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
  static final Pattern DOMAIN = Pattern.compile("[a-z][a-z0-9-]{0,62}");
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
    String apiVersion = checks.requiredString("/apiVersion");
    if (apiVersion != null && !API_VERSIONS.contains(apiVersion)) {
      checks.violation("/apiVersion", "must be one of " + sorted(API_VERSIONS));
    }
    String kind = checks.requiredString("/kind");
    if (kind != null && !kind.equals("DataContract")) {
      checks.violation("/kind", "must be DataContract");
    }
    String id = checks.requiredString("/id");
    if (id != null && !ID.matcher(id).matches()) {
      checks.violation("/id", "must be 1-128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
    }
    String version = checks.requiredString("/version");
    if (version != null && SemVer.parse(version).isEmpty()) {
      checks.violation("/version", "must be a semantic version such as 1.0.0");
    }
    String status = checks.requiredString("/status");
    if (status != null && Lifecycle.fromWire(status).isEmpty()) {
      checks.violation("/status", "must be one of " + Stream.of(Lifecycle.values()).map(Lifecycle::wireName).toList());
    }
    String domain = checks.requiredString("/domain");
    if (domain != null && !DOMAIN.matcher(domain).matches()) {
      checks.violation("/domain", "must be a lower-case domain name (letters, digits, '-'; starting with a letter)");
    }
    for (String field : List.of("/name", "/tenant", "/dataProduct", "/contractCreatedTs")) {
      checks.optionalString(field);
    }
    checks.stringArray("/tags");
    description();
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

  private void description() {
    if (!checks.present("/description")) {
      return;
    }
    if (!checks.at("/description").isObject()) {
      checks.violation("/description", "must be an object with purpose, limitations and usage");
      return;
    }
    for (String field : List.of("purpose", "limitations", "usage")) {
      checks.optionalString("/description/" + field);
    }
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
      String logicalType = checks.optionalString(element + "/logicalType");
      if (logicalType != null && !LOGICAL_TYPES.contains(logicalType)) {
        checks.violation(element + "/logicalType", "must be one of " + sorted(LOGICAL_TYPES));
      }
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
      if (type != null && !QUALITY_TYPES.contains(type)) {
        checks.violation(rule + "/type", "must be one of " + sorted(QUALITY_TYPES));
      }
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

  private static String sorted(Set<String> values) {
    return values.stream().sorted().collect(Collectors.joining(", ", "[", "]"));
  }
}
