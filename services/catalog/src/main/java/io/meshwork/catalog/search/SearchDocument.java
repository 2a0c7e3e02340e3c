package io.meshwork.catalog.search;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.catalog.governance.Conformance;
import io.meshwork.model.contract.DataContract;
import io.meshwork.model.contract.SchemaProperty;
import io.meshwork.model.product.DataProduct;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the search index holds of one data product: its own metadata and the columns of the
 * contracts its output ports serve, so a search for a column finds the product that offers it.
 *
 * @param conformance governance rules met / total when it was indexed; null when not computed
 */
record SearchDocument(String id, String name, String domain, String status, String description, List<String> tags,
    List<String> owners, List<String> portTypes, List<Column> columns, Conformance conformance) {

  /** A column of an output port's contract. */
  record Column(String name, String description, String classification) {}

  SearchDocument {
    tags = List.copyOf(tags);
    owners = List.copyOf(owners);
    portTypes = List.copyOf(portTypes);
    columns = List.copyOf(columns);
  }

  static SearchDocument of(DataProduct product, List<DataContract> outputContracts, Conformance conformance) {
    JsonNode doc = product.document();
    Set<String> owners = new LinkedHashSet<>();
    JsonNode team = doc.path("team");
    for (JsonNode entry : team.isArray() ? team : List.of(team)) {
      text(entry.path("name")).ifPresent(owners::add);
      entry.path("members").forEach(m -> text(m.path("username")).or(() -> text(m.path("name"))).ifPresent(owners::add));
    }
    Set<String> portTypes = new LinkedHashSet<>();
    product.outputPorts().stream().map(DataProduct.OutputPort::type).filter(t -> t != null && !t.isBlank()).forEach(portTypes::add);
    List<Column> columns = new ArrayList<>();
    outputContracts.forEach(c -> c.schema().forEach(o -> collect(o.properties(), columns)));
    return new SearchDocument(product.id(), product.name(), product.domain(), product.status().wireName(), description(doc.path("description")),
        product.tags(), List.copyOf(owners), List.copyOf(portTypes), columns, conformance);
  }

  /** ODPS 1.0 describes a product with purpose, usage and limitations; a plain string is accepted too. */
  private static String description(JsonNode description) {
    if (description.isTextual()) {
      return description.asText();
    }
    List<String> parts = new ArrayList<>();
    for (String field : List.of("purpose", "usage", "limitations")) {
      text(description.path(field)).ifPresent(parts::add);
    }
    return String.join(" ", parts);
  }

  private static void collect(List<SchemaProperty> properties, List<Column> into) {
    for (SchemaProperty p : properties) {
      into.add(new Column(p.name(), p.description(), p.classification()));
      collect(p.properties(), into);
    }
  }

  private static java.util.Optional<String> text(JsonNode node) {
    return node.isValueNode() && !node.asText().isBlank() ? java.util.Optional.of(node.asText().trim()) : java.util.Optional.empty();
  }
}
