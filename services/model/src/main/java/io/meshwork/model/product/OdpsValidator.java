package io.meshwork.model.product;

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
 * Structural rules of a Bitol ODPS v1.0/v1.1 data product document, plus the one Meshwork adds: a
 * product must name its {@code domain}, because the domain decides who may change it. Collects
 * every violation instead of stopping at the first, so a registrant fixes everything in one go.
 */
final class OdpsValidator {

  static final Set<String> API_VERSIONS = Set.of("v1.0.0", "v1.1.0");
  static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
  static final Pattern DOMAIN = Pattern.compile("[a-z][a-z0-9-]{0,62}");
  private static final Set<String> MANAGEMENT_CONTENT = Set.of("discoverability", "observability", "control");
  private static final Set<String> MANAGEMENT_TYPE = Set.of("rest", "topic");

  private final DocumentChecks checks;

  private OdpsValidator(JsonNode document) {
    this.checks = new DocumentChecks(document);
  }

  static List<Violation> validate(JsonNode document) {
    if (document == null || !document.isObject()) {
      return List.of(new Violation("", "a data product descriptor must be an object"));
    }
    var validator = new OdpsValidator(document);
    validator.root();
    return validator.checks.violations();
  }

  private void root() {
    String apiVersion = checks.requiredString("/apiVersion");
    if (apiVersion != null && !API_VERSIONS.contains(apiVersion)) {
      checks.violation("/apiVersion", "must be one of " + sorted(API_VERSIONS));
    }
    String kind = checks.requiredString("/kind");
    if (kind != null && !kind.equals("DataProduct")) {
      checks.violation("/kind", "must be DataProduct");
    }
    String id = checks.requiredString("/id");
    if (id != null && !ID.matcher(id).matches()) {
      checks.violation("/id", "must be 1-128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
    }
    String status = checks.requiredString("/status");
    if (status != null && Lifecycle.fromWire(status).isEmpty()) {
      checks.violation("/status", "must be one of " + Stream.of(Lifecycle.values()).map(Lifecycle::wireName).toList());
    }
    String domain = checks.requiredString("/domain");
    if (domain != null && !DOMAIN.matcher(domain).matches()) {
      checks.violation("/domain", "must be a lower-case domain name (letters, digits, '-'; starting with a letter)");
    }
    checks.optionalString("/name");
    checks.optionalString("/tenant");
    checks.optionalString("/version");
    // ODPS v1.1: the architectural type (sourceAligned, aggregate, consumerAligned…) and a context object
    checks.optionalString("/type");
    checks.optionalObject("/context");
    checks.stringArray("/tags");
    description();
    team();
    inputPorts();
    outputPorts();
    managementPorts();
    support();
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

  private void team() {
    if (!checks.present("/team")) {
      return;
    }
    if (!checks.at("/team").isObject()) {
      checks.violation("/team", "must be an object");
      return;
    }
    checks.optionalString("/team/name");
    checks.forEachObject("/team/members", pointer -> checks.requiredString(pointer + "/username"));
  }

  private void inputPorts() {
    Set<String> names = new HashSet<>();
    checks.forEachObject("/inputPorts", pointer -> {
      uniqueName(pointer, names);
      checks.requiredString(pointer + "/version");
      checks.requiredString(pointer + "/contractId");
      checks.customProperties(pointer + "/customProperties");
    });
  }

  private void outputPorts() {
    Set<String> names = new HashSet<>();
    checks.forEachObject("/outputPorts", pointer -> {
      uniqueName(pointer, names);
      checks.requiredString(pointer + "/version");
      checks.optionalString(pointer + "/type");
      checks.optionalString(pointer + "/description");
      checks.optionalString(pointer + "/contractId");
      checks.optionalObject(pointer + "/context");
      checks.customProperties(pointer + "/customProperties");
    });
  }

  private void managementPorts() {
    Set<String> names = new HashSet<>();
    checks.forEachObject("/managementPorts", pointer -> {
      uniqueName(pointer, names);
      String content = checks.requiredString(pointer + "/content");
      if (content != null && !MANAGEMENT_CONTENT.contains(content)) {
        checks.violation(pointer + "/content", "must be one of " + sorted(MANAGEMENT_CONTENT));
      }
      String type = checks.optionalString(pointer + "/type");
      if (type != null && !MANAGEMENT_TYPE.contains(type)) {
        checks.violation(pointer + "/type", "must be one of " + sorted(MANAGEMENT_TYPE));
      }
    });
  }

  private void support() {
    checks.forEachObject("/support", pointer -> {
      checks.requiredString(pointer + "/channel");
      checks.requiredString(pointer + "/url");
    });
  }

  private void uniqueName(String pointer, Set<String> seen) {
    String name = checks.requiredString(pointer + "/name");
    if (name != null && !seen.add(name)) {
      checks.violation(pointer + "/name", "duplicates the port name '" + name + "'");
    }
  }

  private static String sorted(Set<String> values) {
    return values.stream().sorted().collect(Collectors.joining(", ", "[", "]"));
  }
}
