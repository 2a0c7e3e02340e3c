package io.meshwork.catalog.domain;

import io.meshwork.catalog.web.DocumentExchange;
import io.meshwork.model.domain.Domain;
import io.meshwork.runtime.auth.Caller;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** HTTP edge of domains. */
final class DomainRoutes {

  private final DomainService service;

  DomainRoutes(DomainService service) {
    this.service = service;
  }

  void mount(Router router) {
    router.put("/api/v1/domains/:name").handler(this::register);
    router.get("/api/v1/domains/:name").handler(this::get);
    router.get("/api/v1/domains").handler(this::list);
  }

  private void register(RoutingContext ctx) {
    service.register(Caller.of(ctx), ctx.pathParam("name"), DocumentExchange.body(ctx))
        .onSuccess(registration -> DocumentExchange.respond(ctx, registration.created() ? 201 : 200,
            "/api/v1/domains/" + registration.domain().name(), registration.domain().document()))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    service.get(ctx.pathParam("name"))
        .onSuccess(view -> ctx.json(json(view)))
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    service.list()
        .onSuccess(views -> {
          JsonArray items = new JsonArray();
          views.forEach(v -> items.add(json(v)));
          ctx.json(new JsonObject().put("items", items).put("total", views.size()));
        })
        .onFailure(ctx::fail);
  }

  private static JsonObject json(DomainService.DomainView view) {
    return new JsonObject()
        .put("name", view.name())
        .put("description", view.domain().map(Domain::description).orElse(null))
        .put("owners", new JsonArray(view.domain().map(Domain::owners).orElse(List.of())))
        .put("products", new JsonArray(view.products()));
  }
}
