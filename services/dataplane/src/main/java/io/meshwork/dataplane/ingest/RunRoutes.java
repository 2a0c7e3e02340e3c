package io.meshwork.dataplane.ingest;

import io.meshwork.dataplane.PortContracts;
import io.meshwork.dataplane.batch.BatchRegister;
import io.meshwork.dataplane.storage.DomainDatabases;
import io.meshwork.model.error.NotFoundException;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/products/{id}/runs/{runId}}: an ingestion run with its live progress (phase,
 * records so far, records per second) while it runs, its batch once done. After a restart a
 * finished run is read back from the batch register; a run that died with the node has no batch,
 * so it is not found — and its idempotency key may be retried.
 */
public final class RunRoutes {

  private final Runs runs;
  private final DomainDatabases databases;
  private final PortContracts ports;

  public RunRoutes(Runs runs, DomainDatabases databases, PortContracts ports) {
    this.runs = runs;
    this.databases = databases;
    this.ports = ports;
  }

  public void mount(Router router) {
    router.get("/api/v1/products/:id/runs/:runId").handler(this::one);
  }

  private void one(RoutingContext ctx) {
    String product = ctx.pathParam("id");
    String runId = ctx.pathParam("runId");
    var live = runs.find(runId).filter(r -> r.product().equals(product));
    if (live.isPresent()) {
      ctx.json(live.get().toJson());
      return;
    }
    ports.domain(product)
        .compose(domain -> databases.read(domain, c -> BatchRegister.byRun(c, product, runId)))
        .compose(found -> found.map(b -> Future.succeededFuture(Run.fromBatch(b)))
            .orElseGet(() -> Future.failedFuture(new NotFoundException("Product '" + product + "' has no run '" + runId + "'"))))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }
}
