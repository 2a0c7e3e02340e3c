package io.meshwork.catalog;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.meshwork.catalog.contract.ContractModule;
import io.meshwork.catalog.product.ProductModule;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * Composition root of the catalog service: repositories → services → routes, with plain
 * constructors. A mesh node creates one, starts it and mounts its routes.
 */
public final class Catalog {

  public static final String OPENAPI = "openapi/catalog.json";

  private final ContractModule contracts;
  private final ProductModule products;

  public Catalog(Vertx vertx, MongoDatabase database) {
    this.contracts = new ContractModule(vertx, database);
    this.products = new ProductModule(vertx, database, contracts.lookup());
  }

  /** Prepares storage (indexes); the catalog can serve once this completes. */
  public Future<Void> start() {
    return Future.all(contracts.start(), products.start()).mapEmpty();
  }

  public void mount(Router router) {
    contracts.mount(router);
    products.mount(router);
  }
}
