package io.meshwork.catalog.lineage;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A node of the lineage graph: a Meshwork data product, a dataset outside the mesh, or a job
 * (a pipeline step that read and wrote datasets). {@code attributes} are flat facts shown with it
 * (namespace, name, domain, status, columns…).
 */
public record LineageNode(String id, Kind kind, String label, Map<String, Object> attributes) {

  public enum Kind {
    PRODUCT, DATASET, JOB;

    String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public LineageNode {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(label, "label");
    attributes = Map.copyOf(attributes);
  }

  /** This node with {@code newer}'s label and its attributes laid over these. */
  LineageNode mergedWith(LineageNode newer) {
    Map<String, Object> merged = new LinkedHashMap<>(attributes);
    merged.putAll(newer.attributes);
    return new LineageNode(id, kind, newer.label, merged);
  }

  JsonObject toJson() {
    JsonObject json = new JsonObject().put("id", id).put("kind", kind.wireName()).put("label", label);
    attributes.forEach(json::put);
    return json;
  }
}
