package io.meshwork.catalog.product;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/** Wires the product feature: repository → service → routes. */
public final class ProductModule {

  private final ProductRepository repository;
  private final ProductRoutes routes;

  public ProductModule(Vertx vertx, MongoDatabase database) {
    this.repository = new ProductRepository(vertx, database);
    this.routes = new ProductRoutes(new ProductService(repository));
  }

  public Future<Void> start() {
    return repository.createIndexes();
  }

  public void mount(Router router) {
    routes.mount(router);
  }
}
