package io.meshwork.model.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.model.error.Violation;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules of the OpenLineage 2-0-2 RunEvent schema (BaseEvent + RunEvent, Run, Job, InputDataset,
 * OutputDataset, BaseFacet) and of the two facets Meshwork reads ({@code schema},
 * {@code columnLineage}), checked by hand so that every violation is reported at once with a JSON
 * pointer into the event, which a generic schema validator's messages do not give a producer.
 * Unknown fields and facets are allowed, as the spec allows them.
 */
final class RunEventValidator {

  private static final Pattern UUID_FORMAT = Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
  private static final String EVENT_TYPES = Arrays.stream(RunEvent.EventType.values()).map(Enum::name).reduce((a, b) -> a + ", " + b).orElseThrow();

  private final List<Violation> violations = new ArrayList<>();

  private RunEventValidator() {}

  static List<Violation> validate(JsonNode event) {
    RunEventValidator validator = new RunEventValidator();
    if (event == null || !event.isObject()) {
      validator.violations.add(new Violation("", "must be a JSON object (one OpenLineage RunEvent)"));
    } else {
      validator.event(event);
    }
    return validator.violations;
  }

  private void event(JsonNode event) {
    JsonNode type = event.get("eventType");
    if (type != null && !type.isNull() && (!type.isTextual() || Arrays.stream(RunEvent.EventType.values()).noneMatch(t -> t.name().equals(type.asText())))) {
      violation("/eventType", "must be one of " + EVENT_TYPES);
    }
    String time = requiredString(event, "/eventTime");
    if (time != null) {
      try {
        OffsetDateTime.parse(time);
      } catch (DateTimeParseException e) {
        violation("/eventTime", "must be an RFC 3339 date-time with a time-zone offset, e.g. 2026-11-25T17:00:00Z");
      }
    }
    uri(event, "/producer", true);
    uri(event, "/schemaURL", true);

    if (object(event, "/run", true)) {
      String runId = requiredString(event, "/run/runId");
      if (runId != null && !UUID_FORMAT.matcher(runId).matches()) {
        violation("/run/runId", "must be a UUID");
      }
      facets(event, "/run/facets");
    }
    if (object(event, "/job", true)) {
      requiredString(event, "/job/namespace");
      requiredString(event, "/job/name");
      facets(event, "/job/facets");
    }
    datasets(event, "/inputs", "inputFacets");
    datasets(event, "/outputs", "outputFacets");
  }

  private void datasets(JsonNode event, String pointer, String ioFacets) {
    JsonNode array = event.at(pointer);
    if (array.isMissingNode() || array.isNull()) {
      return;
    }
    if (!array.isArray()) {
      violation(pointer, "must be an array of datasets");
      return;
    }
    for (int i = 0; i < array.size(); i++) {
      String at = pointer + "/" + i;
      if (!array.get(i).isObject()) {
        violation(at, "must be an object with namespace and name");
        continue;
      }
      requiredString(event, at + "/namespace");
      requiredString(event, at + "/name");
      facets(event, at + "/facets");
      facets(event, at + "/" + ioFacets);
      schemaFacet(event, at + "/facets/schema");
      columnLineageFacet(event, at + "/facets/columnLineage");
    }
  }

  /** Every facet is an object carrying the BaseFacet's {@code _producer} and {@code _schemaURL}. */
  private void facets(JsonNode event, String pointer) {
    if (!object(event, pointer, false)) {
      return;
    }
    for (Map.Entry<String, JsonNode> facet : iterable(event.at(pointer))) {
      String at = pointer + "/" + escape(facet.getKey());
      if (!facet.getValue().isObject()) {
        violation(at, "must be a facet object with _producer and _schemaURL");
        continue;
      }
      uri(event, at + "/_producer", true);
      uri(event, at + "/_schemaURL", true);
    }
  }

  /** SchemaDatasetFacet: {@code fields[]} of {name, type?, description?}. */
  private void schemaFacet(JsonNode event, String pointer) {
    JsonNode fields = event.at(pointer + "/fields");
    if (!event.at(pointer).isObject() || fields.isMissingNode()) {
      return;
    }
    if (!fields.isArray()) {
      violation(pointer + "/fields", "must be an array of fields");
      return;
    }
    for (int i = 0; i < fields.size(); i++) {
      if (!fields.get(i).isObject()) {
        violation(pointer + "/fields/" + i, "must be an object with a name");
      } else {
        requiredString(event, pointer + "/fields/" + i + "/name");
      }
    }
  }

  /** ColumnLineageDatasetFacet: {@code fields} maps each output column to its {@code inputFields[]} {namespace, name, field}. */
  private void columnLineageFacet(JsonNode event, String pointer) {
    JsonNode fields = event.at(pointer + "/fields");
    if (!event.at(pointer).isObject()) {
      return;
    }
    if (!fields.isObject()) {
      violation(pointer + "/fields", "is required: an object mapping each output column to its inputFields");
      return;
    }
    for (Map.Entry<String, JsonNode> field : iterable(fields)) {
      String at = pointer + "/fields/" + escape(field.getKey());
      JsonNode inputs = field.getValue().get("inputFields");
      if (inputs == null || !inputs.isArray()) {
        violation(at + "/inputFields", "is required: an array of {namespace, name, field}");
        continue;
      }
      for (int i = 0; i < inputs.size(); i++) {
        String input = at + "/inputFields/" + i;
        if (!inputs.get(i).isObject()) {
          violation(input, "must be an object with namespace, name and field");
          continue;
        }
        requiredString(event, input + "/namespace");
        requiredString(event, input + "/name");
        requiredString(event, input + "/field");
      }
    }
  }

  private boolean object(JsonNode event, String pointer, boolean required) {
    JsonNode node = event.at(pointer);
    if (node.isMissingNode() || node.isNull()) {
      if (required) {
        violation(pointer, "is required");
      }
      return false;
    }
    if (!node.isObject()) {
      violation(pointer, "must be an object");
      return false;
    }
    return true;
  }

  private String requiredString(JsonNode event, String pointer) {
    JsonNode node = event.at(pointer);
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

  /** JSON Schema's "uri" format: an absolute URI (with a scheme). */
  private void uri(JsonNode event, String pointer, boolean required) {
    JsonNode node = event.at(pointer);
    if (!required && (node.isMissingNode() || node.isNull())) {
      return;
    }
    String value = requiredString(event, pointer);
    if (value == null) {
      return;
    }
    try {
      if (!new URI(value).isAbsolute()) {
        violation(pointer, "must be an absolute URI (with a scheme), e.g. https://github.com/acme/etl/tree/v1");
      }
    } catch (URISyntaxException e) {
      violation(pointer, "must be a URI: " + e.getReason());
    }
  }

  private void violation(String pointer, String reason) {
    violations.add(new Violation(pointer, reason));
  }

  private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
    return node::fields;
  }

  /** RFC 6901: a key with '~' or '/' is escaped inside a pointer. */
  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
