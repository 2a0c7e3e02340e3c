package io.meshwork.catalog.webhook;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Duration;

/** Wires webhooks: store → dispatcher (event bus → deliveries) and routes. */
public final class WebhookModule {

  private final WebhookDispatcher dispatcher;
  private final WebhookRoutes routes;

  /**
   * @param firstRetry how long after a failed delivery it is tried again (doubling each time)
   * @param attempts   how many attempts a delivery gets in all
   */
  public WebhookModule(Vertx vertx, MongoDatabase database, Duration firstRetry, int attempts) {
    WebhookStore store = new WebhookStore(vertx, database);
    this.dispatcher = new WebhookDispatcher(vertx, store, firstRetry, attempts);
    this.routes = new WebhookRoutes(store);
  }

  public void start() {
    dispatcher.start();
  }

  public void mount(Router router) {
    routes.mount(router);
  }
}
