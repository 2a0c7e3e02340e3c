package io.meshwork.catalog.product;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.model.error.ForbiddenException;
import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.NotFoundException;
import io.meshwork.model.error.Violation;
import io.meshwork.model.product.DataProduct;
import io.meshwork.runtime.auth.Caller;
import io.vertx.core.Future;
import java.util.List;

/** Registration and reading of data products. */
final class ProductService {

  /** What a registration did: {@code created} tells 201 from 200. */
  record Registration(DataProduct product, boolean created) {}

  /** One page of the catalog. */
  record Page(List<DataProduct> items, long total, int offset, int limit) {}

  private final ProductRepository repository;

  ProductService(ProductRepository repository) {
    this.repository = repository;
  }

  /**
   * Registers or updates a product, idempotently: the same descriptor twice stores one product
   * and the second call changes nothing. Only a mesh admin or a domain owner of the product's
   * domain may write — of both the new domain and, for an update, the domain it is in now, so a
   * product cannot be moved out of a domain by someone who does not own it.
   */
  Future<Registration> register(Caller caller, String pathId, JsonNode document) {
    DataProduct product = DataProduct.from(document);
    if (!product.id().equals(pathId)) {
      throw new InvalidException("The descriptor's id does not match the URL",
          List.of(new Violation("/id", "must equal the id in the URL ('" + pathId + "')")));
    }
    requireOwner(caller, product.domain());
    return repository.find(product.id()).compose(existing -> {
      if (existing.isEmpty()) {
        return repository.insert(product, caller.username()).map(v -> new Registration(product, true));
      }
      StoredProduct stored = existing.get();
      requireOwner(caller, stored.product().domain());
      if (stored.product().document().equals(product.document())) {
        return Future.succeededFuture(new Registration(stored.product(), false));
      }
      return repository.replace(product, stored.revision(), caller.username()).map(v -> new Registration(product, false));
    });
  }

  Future<DataProduct> get(String id) {
    return repository.find(id).map(found -> found
        .orElseThrow(() -> new NotFoundException("No data product with id '" + id + "'"))
        .product());
  }

  Future<Page> list(int offset, int limit) {
    return Future.all(repository.list(offset, limit), repository.count())
        .map(both -> new Page(both.resultAt(0), both.<Long>resultAt(1), offset, limit));
  }

  private static void requireOwner(Caller caller, String domain) {
    boolean allowed = caller.hasRole(Caller.MESH_ADMIN) || (caller.hasRole(Caller.DOMAIN_OWNER) && caller.inDomain(domain));
    if (!allowed) {
      throw new ForbiddenException("Only a mesh-admin or a domain-owner of domain '" + domain + "' may register or change its products");
    }
  }
}
