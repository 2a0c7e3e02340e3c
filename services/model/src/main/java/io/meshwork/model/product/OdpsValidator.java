package io.meshwork.model.product;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.model.error.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Structural rules of a Bitol ODPS v1 data product document, plus the one Meshwork adds: a
 * product must name its {@code domain}, because the domain decides who may change it. Collects
 * every violation instead of stopping at the first, so a registrant fixes everything in one go.
 */
final class OdpsValidator {

  static final Set<String> API_VERSIONS = Set.of("v1.0.0", "v1.1.0");
  static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
  static final Pattern DOMAIN = Pattern.compile("[a-z][a-z0-9-]{0,62}");
  private static final Set<String> MANAGEMENT_CONTENT = Set.of("discoverability", "observability", "control");
  private static final Set<String> MANAGEMENT_TYPE = Set.of("rest", "topic");

  private final List<Violation> violations = new ArrayList<>();

  private OdpsValidator() {}

  static List<Violation> validate(JsonNode document) {
    var validator = new OdpsValidator();
    validator.root(document);
    return List.copyOf(validator.violations);
  }

  private void root(JsonNode doc) {
    if (doc == null || !doc.isObject()) {
      violation("", "a data product descriptor must be an object");
      return;
    }
    String apiVersion = requiredString(doc, "/apiVersion");
    if (apiVersion != null && !API_VERSIONS.contains(apiVersion)) {
      violation("/apiVersion", "must be one of " + sorted(API_VERSIONS));
    }
    String kind = requiredString(doc, "/kind");
    if (kind != null && !kind.equals("DataProduct")) {
      violation("/kind", "must be DataProduct");
    }
    String id = requiredString(doc, "/id");
    if (id != null && !ID.matcher(id).matches()) {
      violation("/id", "must be 1-128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
    }
    String status = requiredString(doc, "/status");
    if (status != null && ProductStatus.fromWire(status).isEmpty()) {
      violation("/status", "must be one of " + Stream.of(ProductStatus.values()).map(ProductStatus::wireName).toList());
    }
    String domain = requiredString(doc, "/domain");
    if (domain != null && !DOMAIN.matcher(domain).matches()) {
      violation("/domain", "must be a lower-case domain name (letters, digits, '-'; starting with a letter)");
    }
    optionalString(doc, "/name");
    optionalString(doc, "/tenant");
    optionalString(doc, "/type");
    stringArray(doc, "/tags");
    description(doc);
    team(doc);
    inputPorts(doc);
    outputPorts(doc);
    managementPorts(doc);
    support(doc);
    customProperties(doc);
  }

  private void description(JsonNode doc) {
    JsonNode description = doc.at("/description");
    if (description.isMissingNode() || description.isNull()) {
      return;
    }
    if (!description.isObject()) {
      violation("/description", "must be an object with purpose, limitations and usage");
      return;
    }
    for (String field : List.of("purpose", "limitations", "usage")) {
      optionalString(doc, "/description/" + field);
    }
  }

  private void team(JsonNode doc) {
    JsonNode team = doc.at("/team");
    if (team.isMissingNode() || team.isNull()) {
      return;
    }
    if (!team.isObject()) {
      violation("/team", "must be an object");
      return;
    }
    optionalString(doc, "/team/name");
    forEachObject(doc, "/team/members", pointer -> requiredString(doc, pointer + "/username"));
  }

  private void inputPorts(JsonNode doc) {
    Set<String> names = new HashSet<>();
    forEachObject(doc, "/inputPorts", pointer -> {
      uniqueName(doc, pointer, names);
      requiredString(doc, pointer + "/version");
      requiredString(doc, pointer + "/contractId");
    });
  }

  private void outputPorts(JsonNode doc) {
    Set<String> names = new HashSet<>();
    forEachObject(doc, "/outputPorts", pointer -> {
      uniqueName(doc, pointer, names);
      requiredString(doc, pointer + "/version");
      optionalString(doc, pointer + "/type");
      optionalString(doc, pointer + "/description");
      optionalString(doc, pointer + "/contractId");
    });
  }

  private void managementPorts(JsonNode doc) {
    Set<String> names = new HashSet<>();
    forEachObject(doc, "/managementPorts", pointer -> {
      uniqueName(doc, pointer, names);
      String content = requiredString(doc, pointer + "/content");
      if (content != null && !MANAGEMENT_CONTENT.contains(content)) {
        violation(pointer + "/content", "must be one of " + sorted(MANAGEMENT_CONTENT));
      }
      String type = optionalString(doc, pointer + "/type");
      if (type != null && !MANAGEMENT_TYPE.contains(type)) {
        violation(pointer + "/type", "must be one of " + sorted(MANAGEMENT_TYPE));
      }
    });
  }

  private void support(JsonNode doc) {
    forEachObject(doc, "/support", pointer -> {
      requiredString(doc, pointer + "/channel");
      requiredString(doc, pointer + "/url");
    });
  }

  private void customProperties(JsonNode doc) {
    forEachObject(doc, "/customProperties", pointer -> {
      requiredString(doc, pointer + "/property");
      if (doc.at(pointer + "/value").isMissingNode()) {
        violation(pointer + "/value", "is required");
      }
    });
  }

  private void uniqueName(JsonNode doc, String pointer, Set<String> seen) {
    String name = requiredString(doc, pointer + "/name");
    if (name != null && !seen.add(name)) {
      violation(pointer + "/name", "duplicates the port name '" + name + "'");
    }
  }

  private interface ElementCheck {
    void check(String pointer);
  }

  private void forEachObject(JsonNode doc, String pointer, ElementCheck check) {
    JsonNode array = doc.at(pointer);
    if (array.isMissingNode() || array.isNull()) {
      return;
    }
    if (!array.isArray()) {
      violation(pointer, "must be an array");
      return;
    }
    for (int i = 0; i < array.size(); i++) {
      String element = pointer + "/" + i;
      if (!array.get(i).isObject()) {
        violation(element, "must be an object");
      } else {
        check.check(element);
      }
    }
  }

  private void stringArray(JsonNode doc, String pointer) {
    JsonNode array = doc.at(pointer);
    if (array.isMissingNode() || array.isNull()) {
      return;
    }
    if (!array.isArray()) {
      violation(pointer, "must be an array of strings");
      return;
    }
    for (int i = 0; i < array.size(); i++) {
      if (!array.get(i).isTextual()) {
        violation(pointer + "/" + i, "must be a string");
      }
    }
  }

  private String requiredString(JsonNode doc, String pointer) {
    JsonNode node = doc.at(pointer);
    if (node.isMissingNode() || node.isNull()) {
      violation(pointer, "is required");
      return null;
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      violation(pointer, "must be a non-empty string");
      return null;
    }
    return node.asText();
  }

  private String optionalString(JsonNode doc, String pointer) {
    JsonNode node = doc.at(pointer);
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      violation(pointer, "must be a string");
      return null;
    }
    return node.asText();
  }

  private void violation(String pointer, String reason) {
    violations.add(new Violation(pointer, reason));
  }

  private static String sorted(Set<String> values) {
    return values.stream().sorted().collect(Collectors.joining(", ", "[", "]"));
  }
}
