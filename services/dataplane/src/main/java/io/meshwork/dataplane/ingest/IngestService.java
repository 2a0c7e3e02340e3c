package io.meshwork.dataplane.ingest;

import io.meshwork.dataplane.PortContract;
import io.meshwork.dataplane.PortContracts;
import io.meshwork.dataplane.storage.DomainDatabases;
import io.meshwork.model.error.ForbiddenException;
import io.meshwork.model.error.MeshworkException;
import io.meshwork.quality.QualityEngine;
import io.meshwork.runtime.auth.Caller;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingestion, whatever brought the file (an upload, a pull): who may ingest, the run and its
 * progress, the batch written on the domain's write connection, then the events. The file is
 * deleted afterwards when it was a spooled copy.
 */
public final class IngestService {

  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

  private final Vertx vertx;
  private final DomainDatabases databases;
  private final PortContracts ports;
  private final Runs runs;
  private final BatchWriter writer;
  private final IngestionEvents events;

  public IngestService(Vertx vertx, DomainDatabases databases, PortContracts ports, Runs runs, QualityEngine quality, IngestionEvents events) {
    this.vertx = vertx;
    this.databases = databases;
    this.ports = ports;
    this.runs = runs;
    this.writer = new BatchWriter(quality);
    this.events = events;
  }

  /** The port to ingest into, once the caller is known to be allowed to. */
  public Future<PortContract> target(Caller caller, String productId, String port) {
    return ports.port(productId, port).map(target -> {
      requireIngester(caller, target.domain());
      return target;
    });
  }

  /**
   * Only a domain owner of the product's domain may ingest: a person with the {@code domain-owner}
   * role in the domain's group, or the domain's service account given that role (its token carries
   * the same role and group). Mesh admins govern, they do not write a domain's data.
   */
  public static void requireIngester(Caller caller, String domain) {
    if (!(caller.hasRole(Caller.DOMAIN_OWNER) && caller.inDomain(domain))) {
      throw new ForbiddenException("Only a domain owner of domain '" + domain + "' or its service account may ingest its data");
    }
  }

  public Run begin(PortContract target, String source, String trigger) {
    Run run = runs.start(target.domain(), target.productId(), target.port(), source, trigger);
    events.started(target, run);
    return run;
  }

  /** Writes the batch; {@code deleteAfter}: the file is a spooled copy to remove once done. */
  public Future<Ingested> ingest(PortContract target, Run run, IngestJob job, boolean deleteAfter) {
    return databases.write(target.domain(), c -> writer.write(c, target, job, run))
        .onSuccess(written -> {
          run.finish(written.batch());
          if (!written.replayed()) {
            events.committed(target, run, written.batch());
          }
        })
        .onFailure(err -> {
          String reason = err instanceof MeshworkException known ? known.getMessage() : "internal error";
          if (!(err instanceof MeshworkException)) {
            LOG.error("ingestion run {} into {}/{} failed", run.id(), target.productId(), target.port(), err);
          }
          run.fail(reason);
          events.failed(target, run, reason);
        })
        .andThen(done -> {
          if (deleteAfter) {
            vertx.fileSystem().delete(job.file().toString()).onFailure(e -> LOG.warn("could not delete {}: {}", job.file(), e.toString()));
          }
        });
  }

  /** A run that failed before it had a file to ingest (a source that could not be read). */
  public void fail(PortContract target, Run run, String reason) {
    run.fail(reason);
    events.failed(target, run, reason);
  }

  public Runs runs() {
    return runs;
  }
}
