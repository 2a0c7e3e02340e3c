package io.meshwork.catalog.contract;

import io.meshwork.catalog.web.DocumentExchange;
import io.meshwork.model.contract.DataContract;
import io.meshwork.model.document.DocumentFormat;
import io.meshwork.runtime.auth.Caller;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** HTTP edge of contract registration: parsing, content negotiation, status codes. */
final class ContractRoutes {

  private final ContractService service;

  ContractRoutes(ContractService service) {
    this.service = service;
  }

  void mount(Router router) {
    router.put("/api/v1/contracts/:id").handler(this::register);
    router.get("/api/v1/contracts/:id").handler(this::get);
    router.get("/api/v1/contracts").handler(this::list);
  }

  private void register(RoutingContext ctx) {
    // anything thrown here (unparsable body, invalid contract) reaches the router's failure handler
    service.register(Caller.of(ctx), ctx.pathParam("id"), DocumentExchange.body(ctx))
        .onSuccess(registration -> respond(ctx, registration.created() ? 201 : 200, registration.contract()))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    service.get(ctx.pathParam("id"))
        .onSuccess(contract -> respond(ctx, 200, contract))
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    service.list(DocumentExchange.offset(ctx), DocumentExchange.limit(ctx))
        .onSuccess(page -> {
          JsonArray items = new JsonArray();
          page.items().forEach(contract -> items.add(new JsonObject(DocumentFormat.JSON.write(contract.document()))));
          ctx.json(new JsonObject().put("items", items).put("total", page.total()).put("offset", page.offset()).put("limit", page.limit()));
        })
        .onFailure(ctx::fail);
  }

  private static void respond(RoutingContext ctx, int status, DataContract contract) {
    DocumentExchange.respond(ctx, status, "/api/v1/contracts/" + contract.id(), contract.document());
  }
}
