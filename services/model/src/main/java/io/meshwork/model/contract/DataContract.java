package io.meshwork.model.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwork.model.error.InvalidException;
import io.meshwork.model.lifecycle.Lifecycle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A data contract as registered: the fields Meshwork acts on, typed, next to the full Bitol ODCS
 * v3 document it came from. The document is what is stored and returned, so fields Meshwork does
 * not model survive every round trip unchanged.
 */
public record DataContract(
    String apiVersion,
    String id,
    SemVer version,
    String name,
    Lifecycle status,
    String domain,
    String dataProduct,
    List<SchemaObject> schema,
    List<SlaProperty> slaProperties,
    List<ContractRole> roles,
    List<Server> servers,
    ObjectNode document) {

  public DataContract {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(domain, "domain");
    schema = List.copyOf(schema);
    slaProperties = List.copyOf(slaProperties);
    roles = List.copyOf(roles);
    servers = List.copyOf(servers);
    document = document.deepCopy();
  }

  @Override
  public ObjectNode document() {
    return document.deepCopy();
  }

  /** Every quality rule of the contract, of its objects and of their properties. */
  public List<QualityRule> quality() {
    List<QualityRule> rules = new ArrayList<>();
    for (SchemaObject object : schema) {
      rules.addAll(object.quality());
      collectQuality(object.properties(), rules);
    }
    return rules;
  }

  private static void collectQuality(List<SchemaProperty> properties, List<QualityRule> into) {
    for (SchemaProperty property : properties) {
      into.addAll(property.quality());
      collectQuality(property.properties(), into);
    }
  }

  /**
   * Validates an ODCS document and types it. Throws {@link InvalidException} listing every
   * violation when the document is not a valid contract.
   */
  public static DataContract from(JsonNode document) {
    var violations = OdcsValidator.validate(document);
    if (!violations.isEmpty()) {
      throw new InvalidException("The data contract is invalid", violations);
    }
    ObjectNode root = (ObjectNode) document;
    List<SchemaObject> schema = new ArrayList<>();
    for (JsonNode object : root.path("schema")) {
      String name = object.get("name").asText();
      schema.add(new SchemaObject(name, text(object, "physicalName"), text(object, "physicalType"), text(object, "description"),
          properties(object.path("properties"), name), quality(object.path("quality"), null)));
    }
    List<SlaProperty> sla = new ArrayList<>();
    root.path("slaProperties").forEach(p ->
        sla.add(new SlaProperty(p.get("property").asText(), p.get("value"), text(p, "unit"), text(p, "element"))));
    List<ContractRole> roles = new ArrayList<>();
    root.path("roles").forEach(r -> roles.add(new ContractRole(r.get("role").asText(), text(r, "access"), text(r, "description"),
        text(r, "firstLevelApprovers"), text(r, "secondLevelApprovers"))));
    List<Server> servers = new ArrayList<>();
    root.path("servers").forEach(s ->
        servers.add(new Server(s.get("server").asText(), s.get("type").asText(), text(s, "environment"), text(s, "description"))));
    return new DataContract(
        root.get("apiVersion").asText(),
        root.get("id").asText(),
        SemVer.parse(root.get("version").asText()).orElseThrow(),
        root.path("name").asText(root.get("id").asText()),
        Lifecycle.fromWire(root.get("status").asText()).orElseThrow(),
        root.get("domain").asText(),
        text(root, "dataProduct"),
        schema, sla, roles, servers, root);
  }

  private static List<SchemaProperty> properties(JsonNode nodes, String parentPath) {
    List<SchemaProperty> properties = new ArrayList<>();
    for (JsonNode p : nodes) {
      String name = p.get("name").asText();
      String path = parentPath + "." + name;
      List<JsonNode> examples = new ArrayList<>();
      p.path("examples").forEach(examples::add);
      properties.add(new SchemaProperty(
          name, path, text(p, "logicalType"), text(p, "physicalType"),
          p.path("required").asBoolean(false), p.path("unique").asBoolean(false), p.path("primaryKey").asBoolean(false),
          p.path("primaryKeyPosition").asInt(-1), text(p, "classification"), examples,
          p.path("criticalDataElement").asBoolean(false), text(p, "description"),
          validValues(p.path("quality")), quality(p.path("quality"), path),
          // an array of objects declares its elements' properties under items (ODCS v3), an object directly
          properties(p.has("properties") ? p.path("properties") : p.path("items").path("properties"), path)));
    }
    return properties;
  }

  private static List<String> validValues(JsonNode rules) {
    List<String> values = new ArrayList<>();
    for (JsonNode rule : rules) {
      if ("invalidValues".equals(rule.path("metric").asText(rule.path("rule").asText()))) {
        rule.path("arguments").path("validValues").forEach(v -> values.add(v.asText()));
      }
    }
    return values;
  }

  private static List<QualityRule> quality(JsonNode rules, String propertyPath) {
    List<QualityRule> quality = new ArrayList<>();
    for (JsonNode r : rules) {
      String metric = text(r, "metric") != null ? text(r, "metric") : text(r, "rule");
      quality.add(new QualityRule(text(r, "name"), r.path("type").asText("library"), metric, text(r, "dimension"),
          text(r, "severity"), text(r, "description"), propertyPath, (ObjectNode) r));
    }
    return quality;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
