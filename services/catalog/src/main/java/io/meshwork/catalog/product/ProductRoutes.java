package io.meshwork.catalog.product;

import io.meshwork.model.document.DocumentFormat;
import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import io.meshwork.model.product.DataProduct;
import io.meshwork.runtime.auth.Caller;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** HTTP edge of product registration: parsing, content negotiation, status codes. */
public final class ProductRoutes {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  private final ProductService service;

  ProductRoutes(ProductService service) {
    this.service = service;
  }

  public void mount(Router router) {
    router.put("/api/v1/products/:id").handler(this::register);
    router.get("/api/v1/products/:id").handler(this::get);
    router.get("/api/v1/products").handler(this::list);
  }

  private void register(RoutingContext ctx) {
    // anything thrown here (unparsable body, invalid descriptor) reaches the router's failure handler
    DocumentFormat format = DocumentFormat.fromMediaType(ctx.request().getHeader("Content-Type"));
    byte[] body = ctx.body().buffer() == null ? null : ctx.body().buffer().getBytes();
    service.register(Caller.of(ctx), ctx.pathParam("id"), format.read(body))
        .onSuccess(registration -> respond(ctx, registration.created() ? 201 : 200, registration.product()))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    service.get(ctx.pathParam("id"))
        .onSuccess(product -> respond(ctx, 200, product))
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    int limit = intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    service.list(offset, limit)
        .onSuccess(page -> {
          JsonArray items = new JsonArray();
          page.items().forEach(product -> items.add(new JsonObject(DocumentFormat.JSON.write(product.document()))));
          ctx.json(new JsonObject().put("items", items).put("total", page.total()).put("offset", page.offset()).put("limit", page.limit()));
        })
        .onFailure(ctx::fail);
  }

  private static void respond(RoutingContext ctx, int status, DataProduct product) {
    DocumentFormat format = DocumentFormat.fromMediaType(ctx.request().getHeader("Accept"));
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", format.mediaType())
        .putHeader("Location", "/api/v1/products/" + product.id())
        .end(format.write(product.document()));
  }

  private static int intParam(RoutingContext ctx, String name, int fallback, int min, int max) {
    String raw = ctx.request().getParam(name);
    if (raw == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException ignored) {
      // reported below, with the accepted range
    }
    throw new InvalidException("Invalid query parameter '" + name + "'",
        List.of(new Violation("/" + name, "must be a whole number between " + min + " and " + max)));
  }
}
