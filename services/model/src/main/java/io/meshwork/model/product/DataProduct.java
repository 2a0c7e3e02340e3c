package io.meshwork.model.product;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwork.model.error.InvalidException;
import io.meshwork.model.lifecycle.Lifecycle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A data product as registered: the fields Meshwork acts on, typed, next to the full Bitol ODPS
 * document it came from. The document is the source of truth that is stored and returned, so
 * fields Meshwork does not model survive every round trip unchanged.
 */
public record DataProduct(
    String apiVersion,
    String id,
    String name,
    Lifecycle status,
    String domain,
    List<String> tags,
    List<InputPort> inputPorts,
    List<OutputPort> outputPorts,
    ObjectNode document) {

  /**
   * The ODPS custom property that marks an input port's contract as external: it is governed
   * outside this mesh, so the catalog does not require it to be registered.
   */
  public static final String EXTERNAL_PROPERTY = "external";

  /** An input port; {@code pointer} locates it in the document for error messages. */
  public record InputPort(String name, String version, String contractId, boolean external, String pointer) {}

  /** An output port; {@code contractId} may be absent (a port without a contract yet). */
  public record OutputPort(String name, String type, String version, String contractId, String pointer) {}

  public DataProduct {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(domain, "domain");
    tags = List.copyOf(tags);
    inputPorts = List.copyOf(inputPorts);
    outputPorts = List.copyOf(outputPorts);
    document = document.deepCopy();
  }

  @Override
  public ObjectNode document() {
    return document.deepCopy();
  }

  /**
   * Validates an ODPS document and types it. Throws {@link InvalidException} listing every
   * violation when the document is not a valid product.
   */
  public static DataProduct from(JsonNode document) {
    var violations = OdpsValidator.validate(document);
    if (!violations.isEmpty()) {
      throw new InvalidException("The data product descriptor is invalid", violations);
    }
    ObjectNode root = (ObjectNode) document;
    List<String> tags = new ArrayList<>();
    root.path("tags").forEach(t -> tags.add(t.asText()));
    List<InputPort> inputs = new ArrayList<>();
    JsonNode inputNodes = root.path("inputPorts");
    for (int i = 0; i < inputNodes.size(); i++) {
      JsonNode port = inputNodes.get(i);
      inputs.add(new InputPort(port.get("name").asText(), port.get("version").asText(), port.get("contractId").asText(),
          isExternal(port), "/inputPorts/" + i));
    }
    List<OutputPort> outputs = new ArrayList<>();
    JsonNode outputNodes = root.path("outputPorts");
    for (int i = 0; i < outputNodes.size(); i++) {
      JsonNode port = outputNodes.get(i);
      outputs.add(new OutputPort(port.get("name").asText(), text(port, "type"), port.get("version").asText(),
          text(port, "contractId"), "/outputPorts/" + i));
    }
    return new DataProduct(
        root.get("apiVersion").asText(),
        root.get("id").asText(),
        root.path("name").asText(root.get("id").asText()),
        Lifecycle.fromWire(root.get("status").asText()).orElseThrow(),
        root.get("domain").asText(),
        tags,
        inputs,
        outputs,
        root);
  }

  private static boolean isExternal(JsonNode port) {
    for (JsonNode property : port.path("customProperties")) {
      if (EXTERNAL_PROPERTY.equals(property.path("property").asText()) && property.path("value").asBoolean(false)) {
        return true;
      }
    }
    return false;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
