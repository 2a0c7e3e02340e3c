package io.meshwork.access.policy;

import io.meshwork.runtime.auth.Caller;
import io.meshwork.runtime.web.JsonBody;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** HTTP edge of policies: readable by everyone signed in, written by admins and domain owners. */
public final class PolicyRoutes {

  private final PolicyService service;

  public PolicyRoutes(PolicyService service) {
    this.service = service;
  }

  public void mount(Router router) {
    router.get("/api/v1/policies").handler(this::list);
    router.get("/api/v1/policies/:id").handler(this::get);
    router.put("/api/v1/policies/:id").handler(this::put);
    router.delete("/api/v1/policies/:id").handler(this::delete);
  }

  private void list(RoutingContext ctx) {
    service.all()
        .onSuccess(all -> ctx.json(new JsonObject().put("items", new JsonArray(all.stream().map(PolicyCodec::write).toList()))))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    service.get(ctx.pathParam("id")).onSuccess(p -> ctx.json(PolicyCodec.write(p))).onFailure(ctx::fail);
  }

  private void put(RoutingContext ctx) {
    var policy = PolicyCodec.read(ctx.pathParam("id"), JsonBody.required(ctx));
    service.put(Caller.of(ctx), policy)
        .onSuccess(created -> {
          ctx.response().setStatusCode(created ? 201 : 200);
          ctx.json(PolicyCodec.write(policy));
        })
        .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    service.delete(Caller.of(ctx), ctx.pathParam("id")).onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }
}
