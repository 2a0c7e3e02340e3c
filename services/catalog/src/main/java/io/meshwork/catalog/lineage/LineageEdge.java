package io.meshwork.catalog.lineage;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A directed edge of the lineage graph, in the direction data flows: {@code from} is upstream of
 * {@code to}. Kinds: {@code input} (a job read a dataset or product), {@code output} (a job wrote
 * one), {@code input-port} (a product declares it reads another product's output port, or an
 * external source), {@code column} (an output column derived from an input column).
 */
public record LineageEdge(String from, String to, String kind, Map<String, String> attributes) {

  public static final String INPUT = "input";
  public static final String OUTPUT = "output";
  public static final String INPUT_PORT = "input-port";
  public static final String COLUMN = "column";
  /** The attributes that tell two edges between the same nodes apart; the others (last run…) describe it. */
  private static final java.util.Set<String> IDENTITY = java.util.Set.of("port", "fromPort", "toPort", "fromColumn", "toColumn", "contract", "outputPort");

  public LineageEdge {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(kind, "kind");
    attributes = Map.copyOf(attributes);
  }

  /** Identity of the edge: the same job writing the same port twice is one edge. */
  String key() {
    StringBuilder key = new StringBuilder(from).append('\u0000').append(to).append('\u0000').append(kind);
    new TreeMap<>(attributes).forEach((k, v) -> {
      if (IDENTITY.contains(k)) {
        key.append('\u0000').append(k).append('=').append(v);
      }
    });
    return key.toString();
  }

  boolean isColumn() {
    return COLUMN.equals(kind);
  }

  JsonObject toJson() {
    JsonObject json = new JsonObject().put("from", from).put("to", to).put("kind", kind);
    attributes.forEach(json::put);
    return json;
  }
}
