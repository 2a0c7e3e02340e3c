package io.meshwork.catalog.product;

import io.meshwork.catalog.web.DocumentExchange;
import io.meshwork.model.document.DocumentFormat;
import io.meshwork.model.product.DataProduct;
import io.meshwork.runtime.auth.Caller;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** HTTP edge of product registration: parsing, content negotiation, status codes. */
final class ProductRoutes {

  private final ProductService service;

  ProductRoutes(ProductService service) {
    this.service = service;
  }

  void mount(Router router) {
    router.put("/api/v1/products/:id").handler(this::register);
    router.post("/api/v1/products/:id/dry-run").handler(this::dryRun);
    router.get("/api/v1/products/:id").handler(this::get);
    router.delete("/api/v1/products/:id").handler(this::delete);
    router.get("/api/v1/products/:id/history").handler(this::history);
    router.get("/api/v1/products").handler(this::list);
  }

  private void register(RoutingContext ctx) {
    // anything thrown here (unparsable body, invalid descriptor) reaches the router's failure handler
    service.register(Caller.of(ctx), ctx.pathParam("id"), DocumentExchange.body(ctx))
        .onSuccess(registration -> respond(ctx, registration.created() ? 201 : 200, registration.product()))
        .onFailure(ctx::fail);
  }

  /** The registration's checks without storing: 200 with what it would do, or the problem the PUT would answer. */
  private void dryRun(RoutingContext ctx) {
    service.dryRun(Caller.of(ctx), ctx.pathParam("id"), DocumentExchange.body(ctx))
        .onSuccess(run -> ctx.json(DocumentExchange.dryRun("DataProduct", run.product().id(), run.outcome(), run.changes())))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    service.get(ctx.pathParam("id"))
        .onSuccess(product -> respond(ctx, 200, product))
        .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    service.delete(Caller.of(ctx), ctx.pathParam("id"))
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private void history(RoutingContext ctx) {
    service.history(ctx.pathParam("id"))
        .onSuccess(history -> {
          JsonArray entries = new JsonArray();
          history.forEach(r -> {
            JsonArray changes = new JsonArray();
            r.changes().forEach(c -> changes.add(new JsonObject(c.toMap())));
            entries.add(new JsonObject().put("revision", r.revision()).put("status", r.status()).put("at", r.at().toString())
                .put("by", r.by()).put("changes", changes));
          });
          ctx.json(new JsonObject().put("id", ctx.pathParam("id")).put("entries", entries));
        })
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    service.list(DocumentExchange.offset(ctx), DocumentExchange.limit(ctx))
        .onSuccess(page -> {
          JsonArray items = new JsonArray();
          page.items().forEach(product -> items.add(new JsonObject(DocumentFormat.JSON.write(product.document()))));
          ctx.json(new JsonObject().put("items", items).put("total", page.total()).put("offset", page.offset()).put("limit", page.limit()));
        })
        .onFailure(ctx::fail);
  }

  private static void respond(RoutingContext ctx, int status, DataProduct product) {
    DocumentExchange.respond(ctx, status, "/api/v1/products/" + product.id(), product.document());
  }
}
