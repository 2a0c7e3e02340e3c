package io.meshwork.catalog.events;

import io.meshwork.model.contract.DataContract;
import io.meshwork.model.lifecycle.Change;
import io.meshwork.model.product.DataProduct;
import io.meshwork.runtime.auth.Caller;
import io.vertx.core.Future;
import java.util.List;

/**
 * What the catalog tells the features that follow registrations (the event feed, the search
 * index) once a change is stored. The registration answers after every listener is done, so what
 * a client has just registered is already searchable and announced when its PUT returns.
 */
public interface CatalogListener {

  /** @param before the product as it was, null when it was just created */
  default Future<Void> productStored(Caller by, DataProduct before, DataProduct after) {
    return Future.succeededFuture();
  }

  default Future<Void> productDeleted(Caller by, DataProduct product) {
    return Future.succeededFuture();
  }

  /** @param before the contract as it was, null when it was just created */
  default Future<Void> contractStored(Caller by, DataContract before, DataContract after) {
    return Future.succeededFuture();
  }

  default Future<Void> contractDeleted(Caller by, DataContract contract) {
    return Future.succeededFuture();
  }

  /** An update of a published contract was refused because it breaks consumers without a new major version. */
  default Future<Void> breakingChangeRejected(Caller by, DataContract current, DataContract proposed, List<Change> breaking) {
    return Future.succeededFuture();
  }
}
