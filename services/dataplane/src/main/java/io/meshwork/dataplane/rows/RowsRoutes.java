package io.meshwork.dataplane.rows;

import io.meshwork.dataplane.query.QuerySettings;
import io.meshwork.dataplane.query.ResponseSink;
import io.meshwork.runtime.auth.Caller;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/v1/products/{id}/ports/{port}/rows}: a page of a port's governed rows. */
public final class RowsRoutes {

  private final RowsService service;
  private final QuerySettings settings;

  public RowsRoutes(RowsService service, QuerySettings settings) {
    this.service = service;
    this.settings = settings;
  }

  public void mount(Router router) {
    router.get("/api/v1/products/:id/ports/:port/rows").handler(this::rows);
  }

  private void rows(RoutingContext ctx) {
    RowsRequest request = RowsRequest.from(ctx, settings);
    ResponseSink sink = new ResponseSink(ctx.vertx().getOrCreateContext(), ctx.response());
    service.serve(Caller.of(ctx), request, sink)
        .onSuccess(done -> sink.end())
        .onFailure(ctx::fail);
  }
}
