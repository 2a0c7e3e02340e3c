package io.meshwork.node;

import io.meshwork.access.PortDirectory;
import io.meshwork.access.pdp.Column;
import io.meshwork.access.pdp.PortResource;
import io.meshwork.access.rowfilter.ColumnType;
import io.meshwork.catalog.Catalog;
import io.meshwork.model.contract.SchemaObject;
import io.meshwork.model.error.NotFoundException;
import io.meshwork.model.product.DataProduct;
import io.vertx.core.Future;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Access governance's view of a port, read from the catalog: the product's domain and status, the
 * columns of the port's contract (the schema object named like the port, or the first one), and
 * the approvers its contract's roles name.
 */
final class CatalogPorts implements PortDirectory {

  private final Catalog catalog;

  CatalogPorts(Catalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public Future<Set<String>> approvers(String productId, String portName) {
    return catalog.product(productId).compose(product -> {
      String contractId = product.flatMap(p -> p.outputPorts().stream().filter(o -> o.name().equals(portName)).findFirst())
          .map(DataProduct.OutputPort::contractId)
          .orElse(null);
      if (contractId == null) {
        return Future.succeededFuture(Set.of());
      }
      return catalog.contract(contractId).map(contract -> contract
          .map(c -> c.roles().stream().flatMap(role -> role.approvers().stream()).collect(Collectors.toCollection(LinkedHashSet::new)))
          .map(names -> (Set<String>) names)
          .orElse(Set.of()));
    });
  }

  @Override
  public Future<PortResource> port(String productId, String portName) {
    return catalog.product(productId).compose(found -> {
      DataProduct product = found.orElseThrow(() -> new NotFoundException("No data product with id '" + productId + "'"));
      DataProduct.OutputPort port = product.outputPorts().stream()
          .filter(p -> p.name().equals(portName))
          .findFirst()
          .orElseThrow(() -> new NotFoundException("Data product '" + productId + "' has no output port '" + portName + "'"));
      if (port.contractId() == null) {
        throw new NotFoundException("Output port '" + portName + "' of '" + productId + "' has no contract, so no columns to grant");
      }
      return catalog.contract(port.contractId()).map(contract -> {
        var schema = contract.orElseThrow(() -> new NotFoundException("Contract '" + port.contractId() + "' is not registered")).schema();
        SchemaObject object = schema.stream().filter(o -> o.name().equals(portName)).findFirst()
            .orElse(schema.isEmpty() ? null : schema.get(0));
        List<Column> columns = object == null ? List.of() : object.properties().stream()
            .map(p -> new Column(p.name(), ColumnType.fromLogicalType(p.logicalType()).orElse(null), p.classification()))
            .toList();
        return new PortResource(productId, portName, product.domain(), product.status(), columns);
      });
    });
  }
}
