package io.meshwork.monitoring.slo;

import java.time.Instant;

/**
 * What monitoring knows of a port's ingestion, from the batch events: the last committed batch
 * (time, id, rows) and since when it has watched the port (the reference for "no data yet").
 * Persisted, so a restarted node measures freshness from the real last batch.
 */
public record PortActivity(String product, String port, Instant firstSeenAt, Instant lastBatchAt, String lastBatchId,
    long lastRows, long batches, Instant lastQuarantinedAt) {

  public boolean hasBatch() {
    return lastBatchAt != null;
  }
}
