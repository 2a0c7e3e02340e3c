package io.meshwork.dataplane.pipeline;

import io.meshwork.dataplane.ingest.Run;
import io.meshwork.model.document.DocumentFormat;
import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import io.meshwork.runtime.auth.Caller;
import io.meshwork.runtime.web.JsonBody;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * A product's pipeline over HTTP: {@code PUT/GET/DELETE /api/v1/products/{id}/pipeline} (YAML or JSON;
 * DELETE detaches it), {@code GET …/pipeline/runs} (the runs it started lately), and
 * {@code POST /api/v1/products/{id}/runs} {@code {"source": "<name>"}} to run a source now.
 */
public final class PipelineRoutes {

  private final Pipelines pipelines;

  public PipelineRoutes(Pipelines pipelines) {
    this.pipelines = pipelines;
  }

  public void mount(Router router) {
    router.put("/api/v1/products/:id/pipeline").handler(this::put);
    router.get("/api/v1/products/:id/pipeline").handler(this::get);
    router.delete("/api/v1/products/:id/pipeline").handler(this::detach);
    router.get("/api/v1/products/:id/pipeline/runs").handler(this::runs);
    router.post("/api/v1/products/:id/runs").handler(this::run);
  }

  private void put(RoutingContext ctx) {
    DocumentFormat format = DocumentFormat.fromMediaType(ctx.request().getHeader("Content-Type"));
    byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    PipelineSpec spec = PipelineSpec.from(format.read(body));
    pipelines.put(Caller.of(ctx), ctx.pathParam("id"), spec)
        .onSuccess(stored -> ctx.json(stored.toJson()))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    pipelines.get(Caller.of(ctx), ctx.pathParam("id"))
        .onSuccess(stored -> ctx.json(stored.toJson()))
        .onFailure(ctx::fail);
  }

  private void detach(RoutingContext ctx) {
    pipelines.detach(Caller.of(ctx), ctx.pathParam("id"))
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private void runs(RoutingContext ctx) {
    pipelines.runs(Caller.of(ctx), ctx.pathParam("id"))
        .onSuccess(runs -> ctx.json(new JsonObject().put("items", new JsonArray(runs.stream().map(Run::toJson).toList()))))
        .onFailure(ctx::fail);
  }

  private void run(RoutingContext ctx) {
    String source = JsonBody.required(ctx).getString("source");
    if (source == null || source.isBlank()) {
      throw new InvalidException("A source is required", List.of(new Violation("/source", "name the pipeline source to run")));
    }
    String product = ctx.pathParam("id");
    pipelines.runNow(Caller.of(ctx), product, source)
        .onSuccess(run -> ctx.response().setStatusCode(202)
            .putHeader("Location", "/api/v1/products/" + product + "/runs/" + run.id())
            .putHeader("Content-Type", "application/json")
            .end(run.toJson().encode()))
        .onFailure(ctx::fail);
  }
}
