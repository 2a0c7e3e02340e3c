package io.meshwork.catalog.contract;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.meshwork.catalog.store.DescriptorCollection;
import io.meshwork.model.contract.DataContract;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/** Wires the contract feature: collection → service → routes. */
public final class ContractModule {

  private final DescriptorCollection<DataContract> contracts;
  private final ContractRoutes routes;

  public ContractModule(Vertx vertx, MongoDatabase database) {
    this.contracts = new DescriptorCollection<>(vertx, database, "contracts", "Contract", DataContract::from);
    this.routes = new ContractRoutes(new ContractService(contracts));
  }

  public Future<Void> start() {
    return contracts.createIndexes();
  }

  /** For the features that reference contracts (product ports). */
  public ContractLookup lookup() {
    return contracts::existing;
  }

  public void mount(Router router) {
    routes.mount(router);
  }
}
