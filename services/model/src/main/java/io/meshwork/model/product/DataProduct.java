package io.meshwork.model.product;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwork.model.error.InvalidException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A data product as registered: the fields Meshwork acts on, typed, next to the full Bitol ODPS
 * document it came from. The document is the source of truth that is stored and returned, so
 * fields Meshwork does not model survive every round trip unchanged.
 */
public record DataProduct(
    String apiVersion, String id, String name, ProductStatus status, String domain, List<String> tags, ObjectNode document) {

  public DataProduct {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(domain, "domain");
    tags = List.copyOf(tags);
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
    return new DataProduct(
        root.get("apiVersion").asText(),
        root.get("id").asText(),
        root.path("name").asText(root.get("id").asText()),
        ProductStatus.fromWire(root.get("status").asText()).orElseThrow(),
        root.get("domain").asText(),
        tags,
        root);
  }
}
