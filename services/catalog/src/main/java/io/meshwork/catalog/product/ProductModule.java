package io.meshwork.catalog.product;

import io.meshwork.catalog.events.CatalogListener;
import io.meshwork.catalog.governance.Governance;
import io.meshwork.catalog.store.DescriptorCollection;
import io.meshwork.catalog.store.RevisionLog;
import io.meshwork.model.product.DataProduct;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.util.Collection;
import java.util.Set;
import java.util.function.Function;

/** Wires the product feature: collections → service → routes. */
public final class ProductModule {

  private final DescriptorCollection<DataProduct> products;
  private final ProductRoutes routes;

  /**
   * @param registeredContracts which of the given contract ids are registered (a port must name one)
   * @param governance          the standards an active product must meet
   * @param listener            told of every stored change (the event feed, search)
   */
  public ProductModule(DescriptorCollection<DataProduct> products, RevisionLog revisions,
      Function<Collection<String>, Future<Set<String>>> registeredContracts, Governance governance, CatalogListener listener) {
    this.products = products;
    this.routes = new ProductRoutes(new ProductService(products, revisions, registeredContracts, governance, listener));
  }

  public Future<Void> start() {
    return products.createIndexes();
  }

  public void mount(Router router) {
    routes.mount(router);
  }
}
