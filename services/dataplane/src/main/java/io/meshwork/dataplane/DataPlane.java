package io.meshwork.dataplane;

import io.meshwork.access.pdp.PolicyDecisionPoint;
import io.meshwork.dataplane.batch.BatchRoutes;
import io.meshwork.dataplane.batch.Retention;
import io.meshwork.dataplane.credentials.CredentialCipher;
import io.meshwork.dataplane.ingest.IngestService;
import io.meshwork.dataplane.ingest.IngestionEvents;
import io.meshwork.dataplane.ingest.LineageSink;
import io.meshwork.dataplane.ingest.RunRoutes;
import io.meshwork.dataplane.ingest.Runs;
import io.meshwork.dataplane.ingest.UploadRoutes;
import io.meshwork.dataplane.pipeline.PipelineRoutes;
import io.meshwork.dataplane.pipeline.Pipelines;
import io.meshwork.dataplane.quarantine.QuarantineRoutes;
import io.meshwork.dataplane.storage.DomainDatabases;
import io.meshwork.quality.QualityEngine;
import io.meshwork.runtime.events.EventLog;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.meshwork.observability.Spans;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composition root of the data plane, readable top to bottom: domain databases → ingestion (runs,
 * quality, events) → pipelines → routes. A mesh node creates one, mounts the upload route before
 * its body handler ({@link #mountUploads}) and the others after, starts it, and closes it last.
 */
public final class DataPlane {

  public static final String OPENAPI = "openapi/dataplane.json";
  private static final Logger LOG = LoggerFactory.getLogger(DataPlane.class);

  private final Vertx vertx;
  private final DataPlaneSettings settings;
  private final DomainDatabases databases;
  private final AtomicReference<CredentialCipher> cipher = new AtomicReference<>();
  private final UploadRoutes uploads;
  private final BatchRoutes batchRoutes;
  private final RunRoutes runRoutes;
  private final Pipelines pipelines;
  private final PipelineRoutes pipelineRoutes;
  private final Retention retention;
  private final Path spool;
  private final PortContracts ports;
  private final EventLog events;
  private ReadSide reads;
  private volatile boolean closed;

  public DataPlane(Vertx vertx, DataPlaneSettings settings, PortContracts ports, EventLog events, LineageSink lineage, Spans spans) {
    this.vertx = vertx;
    this.settings = settings;
    this.spool = settings.home().resolve("spool");
    this.ports = ports;
    this.events = events;
    databases = new DomainDatabases(vertx, settings.home().resolve("domains"), settings.locations(), settings.servedDomains(), settings.workers(),
        settings.memoryLimit(), spans);
    Runs runs = new Runs();
    IngestService ingest = new IngestService(vertx, databases, ports, runs, new QualityEngine(), new IngestionEvents(events, lineage));
    uploads = new UploadRoutes(vertx, ingest, spool, settings.uploadMaxBytes());
    batchRoutes = new BatchRoutes(databases, ports);
    runRoutes = new RunRoutes(runs, databases, ports);
    pipelines = new Pipelines(vertx, databases, ports, ingest, cipher::get, settings, spool);
    pipelineRoutes = new PipelineRoutes(pipelines);
    retention = new Retention(databases, ports, event -> events.append(event)
        .onFailure(err -> LOG.warn("could not emit {}: {}", event.type(), err.toString())));
  }

  /**
   * Loads the credential key (generated on first start), clears spool files a crash left behind,
   * starts the pipeline scheduler and the retention timer.
   */
  public Future<Void> start() {
    return vertx.<Void>executeBlocking(() -> {
      cipher.set(CredentialCipher.load(settings.masterKey(), settings.home().resolve("master.key")));
      if (Files.isDirectory(spool)) {
        try (var leftovers = Files.list(spool)) {
          leftovers.forEach(f -> f.toFile().delete());
        }
      }
      return null;
    }, false)
        .compose(v -> pipelines.start())
        .onSuccess(v -> retentionTimer(Math.min(60_000, settings.retentionCheck().toMillis())));
  }

  /**
   * Retention every {@code dataplane.retention.check.seconds}, the first pass after a minute at most
   * (not at once: start-up has enough to do). Passes never overlap: the next is timed from the end of
   * the previous one.
   */
  private void retentionTimer(long delayMillis) {
    vertx.setTimer(delayMillis, t -> {
      if (closed) {
        return;
      }
      retention.run(Instant.now())
          .onFailure(err -> LOG.warn("retention pass failed: {}", err.toString()))
          .onComplete(done -> retentionTimer(settings.retentionCheck().toMillis()));
    });
  }

  /** The streaming upload route: mount it BEFORE the node's /api/* body handler, with the node's auth handler. */
  public void mountUploads(Router router, Handler<RoutingContext> auth) {
    uploads.mount(router, auth);
  }

  public void mount(Router router) {
    batchRoutes.mount(router);
    new QuarantineRoutes(databases, ports).mount(router);
    runRoutes.mount(router);
    pipelineRoutes.mount(router);
  }

  /**
   * The governed output ports (SQL, rows, Parquet), enforcing the node's decision point on every
   * read; mount after the node's body and auth handlers.
   */
  public void mountReads(Router router, PolicyDecisionPoint pdp) {
    reads = new ReadSide(vertx, databases, ports, pdp, events, settings.query(), settings.home().resolve("exports"));
    reads.mount(router);
  }

  /** The domain databases, for the read side (queries, rows, exports). */
  public DomainDatabases databases() {
    return databases;
  }

  /** Runs one retention pass now (tests; the timer runs it every {@code dataplane.retention.check.seconds}). */
  public Future<Integer> retainNow(Instant now) {
    return retention.run(now);
  }

  /** Checkpoints and closes the domain databases. */
  public void close() {
    closed = true;
    if (reads != null) {
      reads.close();
    }
    databases.close();
  }
}
