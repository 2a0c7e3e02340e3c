package io.meshwork.model.product;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.model.document.DescriptorRoot;
import io.meshwork.model.document.DocumentChecks;
import io.meshwork.model.error.Violation;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Structural rules of a Bitol ODPS v1.0/v1.1 data product document, plus the one Meshwork adds: a
 * product must name its {@code domain}, because the domain decides who may change it. Collects
 * every violation instead of stopping at the first, so a registrant fixes everything in one go.
 */
final class OdpsValidator {

  static final Set<String> API_VERSIONS = Set.of("v1.0.0", "v1.1.0");
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
    DescriptorRoot.identity(checks, "DataProduct", API_VERSIONS);
    DescriptorRoot.ownership(checks);
    checks.optionalString("/name");
    checks.optionalString("/tenant");
    checks.optionalString("/version");
    // ODPS v1.1: the architectural type (sourceAligned, aggregate, consumerAligned…) and a context object
    checks.optionalString("/type");
    checks.optionalObject("/context");
    checks.stringArray("/tags");
    DescriptorRoot.description(checks);
    team();
    inputPorts();
    outputPorts();
    managementPorts();
    support();
    checks.customProperties("/customProperties");
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
      checks.oneOf(pointer + "/content", checks.requiredString(pointer + "/content"), MANAGEMENT_CONTENT);
      checks.oneOf(pointer + "/type", checks.optionalString(pointer + "/type"), MANAGEMENT_TYPE);
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
}
