package io.meshwork.dataplane.batch;

import io.meshwork.dataplane.PortContracts;
import io.meshwork.dataplane.storage.DomainDatabases;
import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.NotFoundException;
import io.meshwork.model.error.Violation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The batch register over HTTP: a port's batches newest first, and one batch. Batch reports hold
 * counts, timing, status and reasons, never data values, so every signed-in user may read them —
 * as they read the catalog — to judge a product's freshness and health.
 */
public final class BatchRoutes {

  static final int MAX_LIMIT = 500;
  private final DomainDatabases databases;
  private final PortContracts ports;

  public BatchRoutes(DomainDatabases databases, PortContracts ports) {
    this.databases = databases;
    this.ports = ports;
  }

  public void mount(Router router) {
    router.get("/api/v1/products/:id/ports/:port/batches").handler(this::list);
    router.get("/api/v1/products/:id/ports/:port/batches/:batchId").handler(this::one);
  }

  private void list(RoutingContext ctx) {
    String product = ctx.pathParam("id");
    String port = ctx.pathParam("port");
    int limit = number(ctx, "limit", 50);
    long before = number(ctx, "before", 0);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidException("Invalid limit", List.of(new Violation("/limit", "must be between 1 and " + MAX_LIMIT)));
    }
    ports.port(product, port)
        .compose(target -> databases.read(target.domain(), c -> BatchRegister.list(c, product, port, before, limit)))
        .onSuccess(batches -> {
          JsonArray items = new JsonArray();
          batches.forEach(b -> items.add(b.toJson()));
          JsonObject page = new JsonObject().put("items", items);
          if (batches.size() == limit) {
            page.put("next", "?before=" + batches.get(batches.size() - 1).seq() + "&limit=" + limit);
          }
          ctx.json(page);
        })
        .onFailure(ctx::fail);
  }

  private void one(RoutingContext ctx) {
    String product = ctx.pathParam("id");
    String port = ctx.pathParam("port");
    String id = ctx.pathParam("batchId");
    ports.port(product, port)
        .compose(target -> databases.read(target.domain(), c -> BatchRegister.byId(c, product, port, id)))
        .onSuccess(found -> ctx.json(found.orElseThrow(() -> new NotFoundException("Port '" + port + "' of '" + product + "' has no batch '" + id + "'")).toJson()))
        .onFailure(ctx::fail);
  }

  private static int number(RoutingContext ctx, String name, int fallback) {
    String value = ctx.request().getParam(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new InvalidException("Invalid " + name, List.of(new Violation("/" + name, "must be a whole number")));
    }
  }
}
