package io.meshwork.dataplane.ingest;

import io.meshwork.dataplane.batch.Batch;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;

/**
 * One ingestion in progress or done, with live progress: what phase it is in, how many records
 * it has seen so far and at what rate. Written from the thread doing the work, read by the HTTP
 * handler: fields are volatile, each update is one field.
 */
public final class Run {

  public static final String RUNNING = "running";

  private final String id;
  private final String domain;
  private final String product;
  private final String port;
  private final String source;
  private final String trigger;
  private final Instant startedAt = Instant.now();
  private volatile String phase = "receiving";
  private volatile long rows;
  private volatile long bytes;
  private volatile String status = RUNNING;
  private volatile Instant finishedAt;
  private volatile Batch batch;
  private volatile String error;

  Run(String id, String domain, String product, String port, String source, String trigger) {
    this.id = id;
    this.domain = domain;
    this.product = product;
    this.port = port;
    this.source = source;
    this.trigger = trigger;
  }

  public String id() {
    return id;
  }

  public String domain() {
    return domain;
  }

  public String product() {
    return product;
  }

  public String port() {
    return port;
  }

  public String source() {
    return source;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public boolean finished() {
    return finishedAt != null;
  }

  void phase(String phase) {
    this.phase = phase;
  }

  void rows(long rows) {
    this.rows = rows;
  }

  void received(long bytes, long records) {
    this.bytes = bytes;
    this.rows = records;
  }

  void finish(Batch batch) {
    this.batch = batch;
    this.rows = batch.rowsValid() + batch.rowsQuarantined();
    this.status = batch.status();
    this.phase = "done";
    this.finishedAt = Instant.now();
  }

  void fail(String error) {
    this.error = error;
    this.status = Batch.FAILED;
    this.phase = "done";
    this.finishedAt = Instant.now();
  }

  public JsonObject toJson() {
    Instant end = finishedAt == null ? Instant.now() : finishedAt;
    long millis = Math.max(1, Duration.between(startedAt, end).toMillis());
    JsonObject json = new JsonObject()
        .put("id", id)
        .put("product", product)
        .put("port", port)
        .put("source", source)
        .put("trigger", trigger)
        .put("status", status)
        .put("phase", phase)
        .put("rows", rows)
        .put("bytes", bytes)
        .put("rowsPerSecond", Math.round(rows * 1000.0 / millis))
        .put("startedAt", startedAt.toString())
        .put("elapsedMs", millis);
    if (finishedAt != null) {
      json.put("finishedAt", finishedAt.toString());
    }
    if (batch != null) {
      json.put("batch", batch.toJson());
    }
    if (error != null) {
      json.put("error", error);
    }
    return json;
  }

  /** A finished run as the batch register remembers it (after a restart, or once evicted from memory). */
  public static JsonObject fromBatch(Batch batch) {
    long millis = batch.startedAt() == null || batch.committedAt() == null ? 0
        : Math.max(1, batch.committedAt().toEpochMilli() - batch.startedAt().toEpochMilli());
    long rows = batch.rowsValid() + batch.rowsQuarantined();
    return new JsonObject()
        .put("id", batch.runId())
        .put("product", batch.product())
        .put("port", batch.port())
        .put("source", batch.source())
        .put("status", batch.status())
        .put("phase", "done")
        .put("rows", rows)
        .put("rowsPerSecond", millis == 0 ? 0 : Math.round(rows * 1000.0 / millis))
        .put("startedAt", batch.startedAt() == null ? null : batch.startedAt().toString())
        .put("finishedAt", batch.committedAt() == null ? null : batch.committedAt().toString())
        .put("batch", batch.toJson());
  }
}
