package io.meshwork.monitoring;

import io.meshwork.observability.MeshMetrics;
import io.meshwork.observability.MeshMetrics.BatchOutcome;
import io.meshwork.observability.MeshMetrics.RowOutcome;
import io.meshwork.runtime.events.EventLog;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * Ingestion and query meters from the data plane's own CloudEvents ({@code io.meshwork.batch.ingested},
 * {@code .quarantined}, {@code io.meshwork.query.served}, {@code .denied}): one place that turns what happened into
 * {@link MeshMetrics}, so the data plane needs no meter code. A local consumer: each node counts
 * the events its own data plane appended, so summing the nodes' series counts each batch once.
 */
final class EventMeters {

  private EventMeters() {}

  static void listen(Vertx vertx, MeshMetrics metrics) {
    vertx.eventBus().<JsonObject>localConsumer(EventLog.ADDRESS, message -> {
      JsonObject event = message.body();
      JsonObject data = event.getJsonObject("data", new JsonObject());
      String domain = data.getString("domain");
      switch (event.getString("type", "")) {
        case "io.meshwork.batch.ingested" -> {
          metrics.batch(domain, BatchOutcome.COMMITTED);
          metrics.ingestionRows(domain, RowOutcome.VALID, data.getLong("rowsValid", 0L));
          metrics.ingestionRows(domain, RowOutcome.QUARANTINED, data.getLong("rowsQuarantined", 0L));
        }
        case "io.meshwork.batch.quarantined" -> {
          metrics.batch(domain, "failed".equals(data.getString("status")) ? BatchOutcome.FAILED : BatchOutcome.QUARANTINED);
          metrics.ingestionRows(domain, RowOutcome.QUARANTINED, data.getLong("rowsQuarantined", 0L) + data.getLong("rowsValid", 0L));
        }
        case "io.meshwork.query.served" -> {
          // each served port passed the read gate: one allowing decision of the decision point
          metrics.decision(true);
          metrics.query(domain, true, Duration.ofMillis(data.getLong("durationMs", 0L)), data.getLong("rows", 0L));
        }
        case "io.meshwork.query.denied" -> metrics.decision(false);
        default -> {
          // not a meter
        }
      }
    });
  }
}
