package io.meshwork.dataplane.quarantine;

import io.meshwork.dataplane.PortContracts;
import io.meshwork.dataplane.ingest.IngestService;
import io.meshwork.dataplane.storage.DomainDatabases;
import io.meshwork.runtime.auth.Caller;
import io.meshwork.runtime.web.QueryParams;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/products/{id}/ports/{port}/quarantine}: the rows ingestion refused, with the
 * reason per row. Unlike batch reports (counts and reasons only), these are the data values as
 * received, unmasked: only those who may ingest the domain's data — its owners and its service
 * accounts — may read them, so they can fix the source.
 */
public final class QuarantineRoutes {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private final DomainDatabases databases;
  private final PortContracts ports;

  public QuarantineRoutes(DomainDatabases databases, PortContracts ports) {
    this.databases = databases;
    this.ports = ports;
  }

  public void mount(Router router) {
    router.get("/api/v1/products/:id/ports/:port/quarantine").handler(this::list);
  }

  private void list(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    String product = ctx.pathParam("id");
    String port = ctx.pathParam("port");
    String batch = ctx.queryParams().get("batch");
    int limit = QueryParams.intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    QuarantinedRows.Cursor after = QuarantinedRows.Cursor.parse(ctx.queryParams().get("cursor"));
    ports.port(product, port)
        .compose(target -> {
          IngestService.requireIngester(caller, target.domain());
          return databases.read(target.domain(), c -> QuarantinedRows.page(c, target.schema(), product, port, batch, after, limit));
        })
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }
}
