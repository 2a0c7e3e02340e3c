package io.meshwork.model.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwork.model.error.InvalidException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An OpenLineage 2-0-2 RunEvent (https://openlineage.io/spec/2-0-2/OpenLineage.json) as Meshwork
 * acts on it — the run, the job, the datasets it read and wrote, their columns and column lineage —
 * next to the full event it came from, which is what is stored: facets Meshwork does not read are
 * kept unchanged.
 */
public record RunEvent(
    EventType eventType,
    Instant eventTime,
    UUID runId,
    Name job,
    List<Dataset> inputs,
    List<Dataset> outputs,
    String producer,
    String schemaURL,
    ObjectNode document) {

  /** The run-state transitions of the spec; absent in an event means "not said" (null). */
  public enum EventType { START, RUNNING, COMPLETE, ABORT, FAIL, OTHER }

  /** A job's or dataset's identity: unique name within a namespace. */
  public record Name(String namespace, String name) {
    public Name {
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * A dataset of the event: its identity, the columns its {@code schema} facet lists, and the
   * column lineage its {@code columnLineage} facet carries (each output column ← input columns).
   */
  public record Dataset(Name name, List<String> columns, List<ColumnLineage> columnLineage) {
    public Dataset {
      columns = List.copyOf(columns);
      columnLineage = List.copyOf(columnLineage);
    }
  }

  /** One output column derived from one input column ({@code transformation}: type/subtype, may be null). */
  public record ColumnLineage(String outputColumn, Name input, String inputColumn, String transformation) {}

  public RunEvent {
    Objects.requireNonNull(eventTime, "eventTime");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(job, "job");
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    document = document.deepCopy();
  }

  @Override
  public ObjectNode document() {
    return document.deepCopy();
  }

  /**
   * Validates an event against the OpenLineage 2-0-2 RunEvent schema and types it. Throws
   * {@link InvalidException} listing every violation (JSON pointer + reason) when it is not one.
   */
  public static RunEvent from(JsonNode event) {
    var violations = RunEventValidator.validate(event);
    if (!violations.isEmpty()) {
      throw new InvalidException("The body is not a valid OpenLineage 2-0-2 RunEvent", violations);
    }
    ObjectNode root = (ObjectNode) event;
    JsonNode type = root.get("eventType");
    return new RunEvent(
        type == null || type.isNull() ? null : EventType.valueOf(type.asText()),
        OffsetDateTime.parse(root.get("eventTime").asText()).toInstant(),
        UUID.fromString(root.at("/run/runId").asText()),
        new Name(root.at("/job/namespace").asText(), root.at("/job/name").asText()),
        datasets(root.path("inputs")),
        datasets(root.path("outputs")),
        root.get("producer").asText(),
        root.get("schemaURL").asText(),
        root);
  }

  private static List<Dataset> datasets(JsonNode array) {
    List<Dataset> datasets = new ArrayList<>();
    for (JsonNode d : array) {
      List<String> columns = new ArrayList<>();
      d.at("/facets/schema/fields").forEach(f -> columns.add(f.get("name").asText()));
      List<ColumnLineage> lineage = new ArrayList<>();
      d.at("/facets/columnLineage/fields").fields().forEachRemaining(field -> {
        JsonNode spec = field.getValue();
        String described = spec.hasNonNull("transformationType") ? spec.get("transformationType").asText() : null;
        for (JsonNode input : spec.path("inputFields")) {
          lineage.add(new ColumnLineage(field.getKey(), new Name(input.get("namespace").asText(), input.get("name").asText()),
              input.get("field").asText(), transformation(input.path("transformations"), described)));
        }
      });
      datasets.add(new Dataset(new Name(d.get("namespace").asText(), d.get("name").asText()), columns, lineage));
    }
    return datasets;
  }

  /** "DIRECT/IDENTITY", "INDIRECT/FILTER"… from the first transformation, else the deprecated field-level type. */
  private static String transformation(JsonNode transformations, String fallback) {
    if (transformations.isArray() && !transformations.isEmpty()) {
      JsonNode first = transformations.get(0);
      String type = first.path("type").asText("");
      String subtype = first.path("subtype").asText("");
      return subtype.isEmpty() ? type : type + "/" + subtype;
    }
    return fallback;
  }
}
