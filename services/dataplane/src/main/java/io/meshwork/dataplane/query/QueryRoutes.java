package io.meshwork.dataplane.query;

import io.meshwork.runtime.auth.Caller;
import io.meshwork.runtime.web.JsonBody;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /api/v1/query}: one governed SELECT over ports, streamed as JSON, NDJSON or CSV. */
public final class QueryRoutes {

  private final QueryService service;
  private final QuerySettings settings;

  public QueryRoutes(QueryService service, QuerySettings settings) {
    this.service = service;
    this.settings = settings;
  }

  public void mount(Router router) {
    router.post("/api/v1/query").handler(this::query);
  }

  private void query(RoutingContext ctx) {
    QueryRequest request = QueryRequest.from(JsonBody.required(ctx), settings);
    ResponseSink sink = new ResponseSink(ctx.vertx().getOrCreateContext(), ctx.response());
    service.serve(Caller.of(ctx), request, sink)
        .onSuccess(done -> sink.end())
        .onFailure(ctx::fail);
  }
}
