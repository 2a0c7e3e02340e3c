package io.meshwork.catalog.contract;

import io.meshwork.catalog.events.CatalogListener;
import io.meshwork.catalog.governance.Governance;
import io.meshwork.catalog.store.DescriptorCollection;
import io.meshwork.catalog.store.RevisionLog;
import io.meshwork.model.contract.DataContract;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.function.Function;

/** Wires the contract feature: collections → service → routes. */
public final class ContractModule {

  private final DescriptorCollection<DataContract> contracts;
  private final ContractRoutes routes;

  /**
   * @param productsUsing ids of the products whose ports name a contract (a contract they name is not deleted)
   * @param governance    the standards an active contract must meet
   * @param listener      told of every stored change and of rejected breaking changes
   */
  public ContractModule(DescriptorCollection<DataContract> contracts, RevisionLog revisions,
      Function<String, Future<List<String>>> productsUsing, Governance governance, CatalogListener listener) {
    this.contracts = contracts;
    this.routes = new ContractRoutes(new ContractService(contracts, revisions, productsUsing, governance, listener));
  }

  public Future<Void> start() {
    return contracts.createIndexes();
  }

  public void mount(Router router) {
    routes.mount(router);
  }
}
