package io.meshwork.catalog.product;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.catalog.contract.ContractLookup;
import io.meshwork.catalog.store.DescriptorCollection;
import io.meshwork.catalog.store.Stored;
import io.meshwork.catalog.web.DomainOwnership;
import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.NotFoundException;
import io.meshwork.model.error.Violation;
import io.meshwork.model.product.DataProduct;
import io.meshwork.runtime.auth.Caller;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/** Registration and reading of data products. */
final class ProductService {

  /** What a registration did: {@code created} tells 201 from 200. */
  record Registration(DataProduct product, boolean created) {}

  /** One page of the catalog. */
  record Page(List<DataProduct> items, long total, int offset, int limit) {}

  private final DescriptorCollection<DataProduct> products;
  private final ContractLookup contracts;

  ProductService(DescriptorCollection<DataProduct> products, ContractLookup contracts) {
    this.products = products;
    this.contracts = contracts;
  }

  /**
   * Registers or updates a product, idempotently: the same descriptor twice stores one product
   * and the second call changes nothing. Only a mesh admin or a domain owner of the product's
   * domain may write — of both the new domain and, for an update, the domain it is in now, so a
   * product cannot be moved out of a domain by someone who does not own it. Every contract a
   * port names must be registered, except an input port's contract marked external.
   */
  Future<Registration> register(Caller caller, String pathId, JsonNode document) {
    DataProduct product = DataProduct.from(document);
    if (!product.id().equals(pathId)) {
      throw new InvalidException("The descriptor's id does not match the URL",
          List.of(new Violation("/id", "must equal the id in the URL ('" + pathId + "')")));
    }
    DomainOwnership.require(caller, product.domain(), "products");
    return checkReferences(product).compose(v -> products.find(product.id())).compose(existing -> {
      if (existing.isEmpty()) {
        return products.insert(product.id(), fields(product), product.document(), caller.username())
            .map(created -> new Registration(product, true));
      }
      Stored<DataProduct> stored = existing.get();
      DomainOwnership.require(caller, stored.value().domain(), "products");
      if (stored.value().document().equals(product.document())) {
        return Future.succeededFuture(new Registration(stored.value(), false));
      }
      return products.replace(product.id(), stored.revision(), fields(product), product.document(), caller.username())
          .map(replaced -> new Registration(product, false));
    });
  }

  Future<DataProduct> get(String id) {
    return products.find(id).map(found -> found
        .orElseThrow(() -> new NotFoundException("No data product with id '" + id + "'"))
        .value());
  }

  Future<Page> list(int offset, int limit) {
    return Future.all(products.list(offset, limit), products.count())
        .map(both -> new Page(both.resultAt(0), both.<Long>resultAt(1), offset, limit));
  }

  private Future<Void> checkReferences(DataProduct product) {
    Set<String> referenced = new LinkedHashSet<>();
    product.outputPorts().stream().filter(p -> p.contractId() != null).forEach(p -> referenced.add(p.contractId()));
    product.inputPorts().stream().filter(p -> !p.external()).forEach(p -> referenced.add(p.contractId()));
    return contracts.registered(referenced).map(registered -> {
      List<Violation> missing = new ArrayList<>();
      for (DataProduct.OutputPort port : product.outputPorts()) {
        if (port.contractId() != null && !registered.contains(port.contractId())) {
          missing.add(new Violation(port.pointer() + "/contractId",
              "no contract '" + port.contractId() + "' is registered; PUT it to /api/v1/contracts/" + port.contractId() + " first"));
        }
      }
      for (DataProduct.InputPort port : product.inputPorts()) {
        if (!port.external() && !registered.contains(port.contractId())) {
          missing.add(new Violation(port.pointer() + "/contractId",
              "no contract '" + port.contractId() + "' is registered; register it, or mark the port external with the custom property "
                  + "'" + DataProduct.EXTERNAL_PROPERTY + ": true' if the data comes from outside the mesh"));
        }
      }
      if (!missing.isEmpty()) {
        throw new InvalidException("The data product references unknown contracts", missing);
      }
      return null;
    });
  }

  private static Document fields(DataProduct product) {
    return new Document("domain", product.domain())
        .append("status", product.status().wireName())
        .append("name", product.name());
  }
}
