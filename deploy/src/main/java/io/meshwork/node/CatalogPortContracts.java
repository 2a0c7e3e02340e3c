package io.meshwork.node;

import io.meshwork.catalog.Catalog;
import io.meshwork.dataplane.PortContract;
import io.meshwork.dataplane.PortContracts;
import io.meshwork.model.error.NotFoundException;
import io.meshwork.model.product.DataProduct;
import io.vertx.core.Future;
import java.util.List;

/**
 * The data plane's view of a port, read from the catalog: the product's domain and the contract
 * its output port names (the contract in force decides the table and the checks).
 */
final class CatalogPortContracts implements PortContracts {

  private final Catalog catalog;

  CatalogPortContracts(Catalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public Future<PortContract> port(String productId, String portName) {
    return product(productId).compose(product -> {
      DataProduct.OutputPort port = product.outputPorts().stream()
          .filter(p -> p.name().equals(portName))
          .findFirst()
          .orElseThrow(() -> new NotFoundException("Data product '" + productId + "' has no output port '" + portName + "'"));
      return contract(product, port);
    });
  }

  @Override
  public Future<String> domain(String productId) {
    return product(productId).map(DataProduct::domain);
  }

  @Override
  public Future<List<PortContract>> ports(String productId) {
    return product(productId).compose(product -> Future.all(product.outputPorts().stream()
            .filter(p -> p.contractId() != null)
            .map(p -> contract(product, p))
            .toList())
        .map(all -> all.<PortContract>list()));
  }

  private Future<DataProduct> product(String productId) {
    return catalog.product(productId)
        .map(found -> found.orElseThrow(() -> new NotFoundException("No data product with id '" + productId + "'")));
  }

  private Future<PortContract> contract(DataProduct product, DataProduct.OutputPort port) {
    if (port.contractId() == null) {
      return Future.failedFuture(new NotFoundException("Output port '" + port.name() + "' of '" + product.id() + "' has no contract, so no table"));
    }
    return catalog.contract(port.contractId()).map(contract -> new PortContract(product.id(), product.domain(), product.status(), port.name(),
        contract.orElseThrow(() -> new NotFoundException("Contract '" + port.contractId() + "' is not registered"))));
  }
}
