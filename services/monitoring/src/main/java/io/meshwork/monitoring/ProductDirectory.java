package io.meshwork.monitoring;

import io.meshwork.model.contract.DataContract;
import io.meshwork.model.product.DataProduct;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * What monitoring asks of the catalog: the registered products and their contracts. The node
 * wires it to the catalog's public API; monitoring does not read the catalog's collections.
 */
public interface ProductDirectory {

  Future<List<DataProduct>> products();

  Future<Optional<DataProduct>> product(String id);

  Future<Optional<DataContract>> contract(String id);
}
