package io.meshwork.catalog.webhook;

import io.meshwork.model.error.NotFoundException;
import io.meshwork.runtime.auth.Caller;
import io.meshwork.runtime.web.JsonBody;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Webhook subscriptions: any signed-in user subscribes (the events are those of the feed every
 * signed-in user reads) and sees and removes their own; a mesh admin sees and removes all.
 */
final class WebhookRoutes {

  private static final int DELIVERY_LOG = 100;

  private final WebhookStore store;

  WebhookRoutes(WebhookStore store) {
    this.store = store;
  }

  void mount(Router router) {
    router.post("/api/v1/webhooks").handler(this::create);
    router.get("/api/v1/webhooks").handler(this::list);
    router.get("/api/v1/webhooks/:id").handler(this::get);
    router.delete("/api/v1/webhooks/:id").handler(this::delete);
    router.get("/api/v1/webhooks/:id/deliveries").handler(this::deliveries);
  }

  /** 201 with the secret: the only time it is shown. */
  private void create(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    Subscription subscription = Subscription.create(JsonBody.required(ctx), caller.username());
    store.insert(subscription)
        .onSuccess(v -> ctx.response().setStatusCode(201)
            .putHeader("Content-Type", "application/json")
            .putHeader("Location", "/api/v1/webhooks/" + subscription.id())
            .end(subscription.toJson().put("secret", subscription.secret()).encode()))
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    store.subscriptions(caller.hasRole(Caller.MESH_ADMIN) ? null : caller.username())
        .onSuccess(all -> ctx.json(new JsonObject().put("items", new JsonArray(all.stream().map(Subscription::toJson).toList()))
            .put("total", all.size())))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    visible(ctx).onSuccess(s -> ctx.json(s.toJson())).onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    visible(ctx).compose(s -> store.deleteSubscription(s.id()))
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private void deliveries(RoutingContext ctx) {
    visible(ctx).compose(s -> store.deliveries(s.id(), DELIVERY_LOG))
        .onSuccess(items -> ctx.json(new JsonObject().put("subscription", ctx.pathParam("id")).put("items", new JsonArray(items))))
        .onFailure(ctx::fail);
  }

  /** The subscription if it is the caller's (or the caller is a mesh admin); someone else's is a 404, not a hint it exists. */
  private Future<Subscription> visible(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    String id = ctx.pathParam("id");
    return store.subscription(id).map(found -> found
        .filter(s -> caller.hasRole(Caller.MESH_ADMIN) || s.owner().equals(caller.username()))
        .orElseThrow(() -> new NotFoundException("No webhook subscription with id '" + id + "'")));
  }
}
