package io.meshwork.node;

import io.meshwork.catalog.Catalog;
import io.meshwork.model.contract.DataContract;
import io.meshwork.model.product.DataProduct;
import io.meshwork.monitoring.ProductDirectory;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/** Monitoring's view of the catalog: products and contracts through the catalog's public API. */
final class CatalogProducts implements ProductDirectory {

  private final Catalog catalog;

  CatalogProducts(Catalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public Future<List<DataProduct>> products() {
    return catalog.products();
  }

  @Override
  public Future<Optional<DataProduct>> product(String id) {
    return catalog.product(id);
  }

  @Override
  public Future<Optional<DataContract>> contract(String id) {
    return catalog.contract(id);
  }
}
