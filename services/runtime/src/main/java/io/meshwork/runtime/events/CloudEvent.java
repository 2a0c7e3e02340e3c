package io.meshwork.runtime.events;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * A CloudEvents 1.0 event as the mesh emits it: always JSON data, and a {@code sequence} (the
 * CloudEvents sequence extension) once the event log has appended it — the cursor of the feed.
 * Rendered in structured JSON mode by {@link #toJson()}.
 */
public record CloudEvent(String id, String source, String type, String subject, Instant time, JsonObject data, Long sequence) {

  public static final String SPEC_VERSION = "1.0";
  public static final String DATA_CONTENT_TYPE = "application/json";

  public CloudEvent {
    requireText(id, "id");
    requireText(source, "source");
    requireText(type, "type");
    Objects.requireNonNull(time, "time");
    data = data == null ? new JsonObject() : data;
  }

  /** A new event, not yet appended (no sequence). */
  public static CloudEvent of(String source, String type, String subject, JsonObject data) {
    return new CloudEvent(UUID.randomUUID().toString(), source, type, subject, Instant.now().truncatedTo(ChronoUnit.MILLIS), data, null);
  }

  CloudEvent withSequence(long sequence) {
    return new CloudEvent(id, source, type, subject, time, data, sequence);
  }

  /** Structured content mode: the attributes and {@code data} as one JSON object. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("specversion", SPEC_VERSION)
        .put("id", id)
        .put("source", source)
        .put("type", type);
    if (subject != null) {
      json.put("subject", subject);
    }
    json.put("time", time.toString()).put("datacontenttype", DATA_CONTENT_TYPE);
    if (sequence != null) {
      json.put("sequence", Long.toString(sequence));
    }
    return json.put("data", data);
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("a CloudEvent needs a " + name);
    }
  }
}
