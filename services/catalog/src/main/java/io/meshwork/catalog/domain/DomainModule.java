package io.meshwork.catalog.domain;

import io.meshwork.catalog.store.DescriptorCollection;
import io.meshwork.model.domain.Domain;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.util.Map;
import java.util.function.Supplier;

/** Wires the domain feature: collection → service → routes. */
public final class DomainModule {

  private final DomainRoutes routes;

  /**
   * @param productDomains the domain of every registered product, by product id
   * @param groups         creates a new domain's groups in the identity system
   */
  public DomainModule(DescriptorCollection<Domain> domains, Supplier<Future<Map<String, String>>> productDomains,
      DomainGroups groups) {
    this.routes = new DomainRoutes(new DomainService(domains, productDomains, groups));
  }

  public void mount(Router router) {
    routes.mount(router);
  }
}
