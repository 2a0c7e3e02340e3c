package io.meshwork.dataplane.ingest;

import io.meshwork.dataplane.PortContract;
import io.meshwork.dataplane.batch.Batch;
import io.meshwork.dataplane.storage.PortColumn;
import io.meshwork.runtime.events.CloudEvent;
import io.meshwork.runtime.events.EventLog;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an ingestion tells the rest of the mesh: CloudEvents {@code io.meshwork.batch.ingested} /
 * {@code io.meshwork.batch.quarantined} on the event log, and OpenLineage RunEvents (START, then
 * COMPLETE or FAIL) with the output's schema, statistics and quality assertions to the lineage
 * sink. Telling never fails an ingestion: a failure to tell is logged.
 */
public final class IngestionEvents {

  public static final String SOURCE = "/meshwork/dataplane";
  public static final String INGESTED = "io.meshwork.batch.ingested";
  public static final String QUARANTINED = "io.meshwork.batch.quarantined";
  private static final String PRODUCER = "https://github.com/meshwork/meshwork/tree/main/services/dataplane";
  private static final String RUN_EVENT_SCHEMA = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
  private static final String FACET_BASE = "https://openlineage.io/spec/facets/1-0-1/";
  private static final Logger LOG = LoggerFactory.getLogger(IngestionEvents.class);

  private final EventLog events;
  private final LineageSink lineage;

  public IngestionEvents(EventLog events, LineageSink lineage) {
    this.events = events;
    this.lineage = lineage;
  }

  void started(PortContract target, Run run) {
    tell(lineage.emit(runEvent("START", target, run, null)), "lineage START");
  }

  void failed(PortContract target, Run run, String error) {
    JsonObject event = runEvent("FAIL", target, run, null);
    event.getJsonObject("run").put("facets", new JsonObject().put("errorMessage", facet("ErrorMessageRunFacet.json")
        .put("message", error).put("programmingLanguage", "SQL")));
    tell(lineage.emit(event), "lineage FAIL");
  }

  void committed(PortContract target, Run run, Batch batch) {
    tell(lineage.emit(runEvent("COMPLETE", target, run, batch)), "lineage COMPLETE");
    JsonObject data = new JsonObject()
        .put("domain", target.domain())
        .put("product", batch.product())
        .put("port", batch.port())
        .put("major", batch.major())
        .put("batchId", batch.id())
        .put("seq", batch.seq())
        .put("rowsValid", batch.rowsValid())
        .put("rowsQuarantined", batch.rowsQuarantined())
        .put("committedAt", batch.committedAt().toString())
        .put("source", batch.source())
        .put("durationMs", batch.committedAt().toEpochMilli() - batch.startedAt().toEpochMilli());
    String subject = batch.product() + "/" + batch.port();
    if (Batch.COMMITTED.equals(batch.status())) {
      tell(events.append(CloudEvent.of(SOURCE, INGESTED, subject, data.copy())), INGESTED);
    }
    if (batch.rowsQuarantined() > 0) {
      tell(events.append(CloudEvent.of(SOURCE, QUARANTINED, subject, data.copy().put("status", batch.status())
          .put("reasons", batch.reasons()))), QUARANTINED);
    }
  }

  private JsonObject runEvent(String type, PortContract target, Run run, Batch batch) {
    String namespace = "meshwork://" + target.domain();
    JsonArray fields = new JsonArray();
    try {
      for (PortColumn c : target.schema().columns()) {
        fields.add(new JsonObject().put("name", c.name()).put("type", c.sqlType()));
      }
    } catch (RuntimeException noColumns) {
      // a contract without properties: no schema facet
    }
    JsonObject outputFacets = new JsonObject();
    JsonObject facets = new JsonObject().put("schema", facet("SchemaDatasetFacet.json").put("fields", fields));
    JsonObject output = new JsonObject().put("namespace", namespace).put("name", target.productId() + "." + target.port());
    if (batch != null) {
      outputFacets.put("outputStatistics", facet("OutputStatisticsOutputDatasetFacet.json").put("rowCount", batch.rowsValid()));
      if (batch.quality() != null) {
        JsonArray assertions = new JsonArray();
        batch.quality().getJsonArray("results", new JsonArray()).stream().map(JsonObject.class::cast)
            .filter(r -> !"not-evaluated".equals(r.getString("status")))
            .forEach(r -> {
              JsonObject a = new JsonObject().put("assertion", r.getString("rule", r.getString("metric", "rule")))
                  .put("success", "passed".equals(r.getString("status")));
              if (r.getString("column") != null) {
                a.put("column", r.getString("column"));
              }
              assertions.add(a);
            });
        facets.put("dataQualityAssertions", facet("DataQualityAssertionsDatasetFacet.json").put("assertions", assertions));
      }
      output.put("outputFacets", outputFacets);
    }
    output.put("facets", facets);
    JsonArray inputs = new JsonArray();
    input(run.source()).ifPresent(inputs::add);
    return new JsonObject()
        .put("eventType", type)
        .put("eventTime", Instant.now().toString())
        .put("producer", PRODUCER)
        .put("schemaURL", RUN_EVENT_SCHEMA)
        .put("run", new JsonObject().put("runId", run.id().substring(2)))
        .put("job", new JsonObject().put("namespace", namespace).put("name", target.productId() + "." + target.port() + ".ingest"))
        .put("inputs", inputs)
        .put("outputs", new JsonArray().add(output));
  }

  /** A pulled URL or file is the run's input dataset; an upload has none we can name. */
  private static java.util.Optional<JsonObject> input(String source) {
    if (source == null || source.equals("upload")) {
      return java.util.Optional.empty();
    }
    try {
      java.net.URI uri = java.net.URI.create(source);
      if (uri.getScheme() != null && uri.getHost() != null) {
        return java.util.Optional.of(new JsonObject().put("namespace", uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : ""))
            .put("name", uri.getPath()));
      }
    } catch (IllegalArgumentException notAUri) {
      // a file path
    }
    return java.util.Optional.of(new JsonObject().put("namespace", "file").put("name", source));
  }

  private static JsonObject facet(String schema) {
    return new JsonObject().put("_producer", PRODUCER).put("_schemaURL", FACET_BASE + schema);
  }

  private static void tell(Future<?> telling, String what) {
    telling.onFailure(err -> LOG.warn("could not emit {}: {}", what, err.toString()));
  }
}
