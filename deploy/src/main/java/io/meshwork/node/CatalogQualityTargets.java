package io.meshwork.node;

import io.meshwork.catalog.Catalog;
import io.meshwork.model.contract.DataContract;
import io.meshwork.model.contract.SchemaObject;
import io.meshwork.model.error.NotFoundException;
import io.meshwork.model.lifecycle.Lifecycle;
import io.meshwork.model.product.DataProduct;
import io.meshwork.quality.run.QualityTargets;
import io.meshwork.quality.run.SlaFreshness;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Quality's view of a product, read from the catalog: its domain and, for each output port with a
 * registered contract, the contract's major version, the schema object the port's table holds
 * (named like the port, else the first — as {@link CatalogPorts} and the data plane choose it) and
 * the freshness its SLA promises.
 */
final class CatalogQualityTargets implements QualityTargets {

  private final Catalog catalog;

  CatalogQualityTargets(Catalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public Future<ProductTarget> product(String productId) {
    return catalog.product(productId).compose(found ->
        target(found.orElseThrow(() -> new NotFoundException("No data product with id '" + productId + "'"))));
  }

  @Override
  public Future<List<ProductTarget>> all() {
    return catalog.products().compose(products -> Future.all(products.stream()
            .filter(p -> p.status() != Lifecycle.RETIRED).map(this::target).toList())
        .map(all -> all.<ProductTarget>list()));
  }

  private Future<ProductTarget> target(DataProduct product) {
    List<Future<Optional<PortTarget>>> ports = new ArrayList<>();
    for (DataProduct.OutputPort port : product.outputPorts()) {
      if (port.contractId() != null) {
        ports.add(catalog.contract(port.contractId()).map(contract -> contract.flatMap(c -> target(port.name(), c))));
      }
    }
    return Future.all(ports).map(all -> new ProductTarget(product.id(), product.domain(),
        all.<Optional<PortTarget>>list().stream().flatMap(Optional::stream).toList()));
  }

  private static Optional<PortTarget> target(String port, DataContract contract) {
    List<SchemaObject> schema = contract.schema();
    Optional<SchemaObject> object = schema.stream().filter(o -> o.name().equals(port)).findFirst().or(() -> schema.stream().findFirst());
    return object.map(o -> new PortTarget(port, contract.version().major(), o, SlaFreshness.of(contract.slaProperties())));
  }
}
