package io.meshwork.dataplane.batch;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * One ingestion's result, as the batch register keeps it: immutable once committed, except that
 * retention marks it retired. {@code quality} is the quality report (null when the contract has no
 * rules); {@code reasons} counts the rows quarantined per reason.
 */
public record Batch(
    long seq, String id, String runId, String product, String port, int major, String status, String idempotencyKey,
    String source, String format, long rowsValid, long rowsQuarantined, Instant startedAt, Instant committedAt,
    Instant retiredAt, JsonObject quality, JsonArray reasons) {

  public static final String COMMITTED = "committed";
  public static final String QUARANTINED = "quarantined";
  public static final String FAILED = "failed";
  public static final String RETIRED = "retired";

  public Batch {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    reasons = reasons == null ? new JsonArray() : reasons;
  }

  /** The batch report as the API shows it (never the idempotency key: it may carry client secrets by mistake). */
  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("id", id)
        .put("seq", seq)
        .put("runId", runId)
        .put("product", product)
        .put("port", port)
        .put("contractMajor", major)
        .put("status", status)
        .put("source", source)
        .put("format", format)
        .put("rowsValid", rowsValid)
        .put("rowsQuarantined", rowsQuarantined)
        .put("startedAt", startedAt == null ? null : startedAt.toString())
        .put("committedAt", committedAt == null ? null : committedAt.toString())
        .put("durationMs", startedAt == null || committedAt == null ? null : committedAt.toEpochMilli() - startedAt.toEpochMilli())
        .put("quarantineReasons", reasons);
    if (retiredAt != null) {
      json.put("retiredAt", retiredAt.toString());
    }
    if (quality != null) {
      json.put("quality", quality);
    }
    return json;
  }
}
