package io.meshwork.dataplane.query;

import io.meshwork.runtime.auth.Caller;
import io.meshwork.runtime.events.CloudEvent;
import io.meshwork.runtime.events.EventLog;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every read of a port leaves a CloudEvent in the mesh's feed — who read which port, through which
 * output (sql, rows, parquet), how many rows, under which grant and snapshot — and every refused
 * read too. Never a data value, never the query text (it may contain values).
 */
public final class ReadAudit {

  public static final String SOURCE = "/meshwork/dataplane";
  public static final String SERVED = "io.meshwork.query.served";
  public static final String DENIED = "io.meshwork.query.denied";
  private static final Logger LOG = LoggerFactory.getLogger(ReadAudit.class);

  private final Function<CloudEvent, Future<?>> events;

  public ReadAudit(EventLog events) {
    this(events::append);
  }

  /** Records into any event sink (benchmarks, tests). */
  public ReadAudit(Function<CloudEvent, Future<?>> events) {
    this.events = events;
  }

  public Future<Void> served(GovernedPort port, String via, long rows, long durationMs, long snapshotSeq, boolean cached) {
    JsonObject data = new JsonObject()
        .put("domain", port.name().domain())
        .put("product", port.name().product())
        .put("port", port.name().port())
        .put("subject", port.caller().subject())
        .put("username", port.caller().username())
        .put("purpose", port.purpose())
        .put("via", via)
        .put("rows", rows)
        .put("durationMs", durationMs)
        .put("grantId", port.decision().grantId().orElse(null))
        .put("reason", port.decision().reason())
        .put("snapshotSeq", snapshotSeq)
        .put("cached", cached);
    return emit(CloudEvent.of(SOURCE, SERVED, port.name().toString(), data));
  }

  public Future<Void> denied(PortName name, Caller caller, String purpose, String via, String reason) {
    JsonObject data = new JsonObject()
        .put("domain", name.domain())
        .put("product", name.product())
        .put("port", name.port())
        .put("subject", caller.subject())
        .put("username", caller.username())
        .put("purpose", purpose)
        .put("via", via)
        .put("reason", reason);
    return emit(CloudEvent.of(SOURCE, DENIED, name.toString(), data));
  }

  private Future<Void> emit(CloudEvent event) {
    return events.apply(event)
        .onFailure(err -> LOG.warn("could not record read event {}: {}", event.type(), err.toString()))
        .mapEmpty();
  }
}
