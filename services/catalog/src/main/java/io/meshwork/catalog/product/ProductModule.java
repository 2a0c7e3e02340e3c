package io.meshwork.catalog.product;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.meshwork.catalog.contract.ContractLookup;
import io.meshwork.catalog.store.DescriptorCollection;
import io.meshwork.model.product.DataProduct;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/** Wires the product feature: collection → service → routes. */
public final class ProductModule {

  private final DescriptorCollection<DataProduct> products;
  private final ProductRoutes routes;

  public ProductModule(Vertx vertx, MongoDatabase database, ContractLookup contracts) {
    this.products = new DescriptorCollection<>(vertx, database, "products", "Product", DataProduct::from);
    this.routes = new ProductRoutes(new ProductService(products, contracts));
  }

  public Future<Void> start() {
    return products.createIndexes();
  }

  public void mount(Router router) {
    routes.mount(router);
  }
}
