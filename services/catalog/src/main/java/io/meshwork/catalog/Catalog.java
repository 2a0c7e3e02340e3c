package io.meshwork.catalog;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.meshwork.catalog.contract.ContractModule;
import io.meshwork.catalog.domain.DomainGroups;
import io.meshwork.catalog.domain.DomainModule;
import io.meshwork.catalog.events.CatalogEvents;
import io.meshwork.catalog.events.CatalogListener;
import io.meshwork.catalog.events.CatalogListeners;
import io.meshwork.catalog.governance.GovernanceModule;
import io.meshwork.catalog.lineage.LineageRoutes;
import io.meshwork.catalog.lineage.LineageService;
import io.meshwork.catalog.product.ProductModule;
import io.meshwork.catalog.search.CatalogSearch;
import io.meshwork.catalog.search.SearchModule;
import io.meshwork.catalog.store.DescriptorCollection;
import io.meshwork.catalog.store.RevisionLog;
import io.meshwork.catalog.store.Stored;
import io.meshwork.catalog.webhook.WebhookModule;
import io.meshwork.model.contract.DataContract;
import io.meshwork.model.domain.Domain;
import io.meshwork.model.product.DataProduct;
import io.meshwork.runtime.events.EventLog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.Optional;

/**
 * Composition root of the catalog service: collections → features (service and routes), with
 * plain constructors. Products and contracts reference each other (a port names a contract; a
 * contract named by a port is not deleted), so the collections are built first and each feature
 * is handed the one question it asks of the other. A mesh node creates one, starts it and mounts
 * its routes.
 */
public final class Catalog {

  public static final String OPENAPI = "openapi/catalog.json";

  private final ContractModule contracts;
  private final ProductModule products;
  private final DomainModule domains;
  private final DescriptorCollection<DataContract> contractStore;
  private final DescriptorCollection<DataProduct> productStore;
  private final LineageService lineage;
  private final GovernanceModule governance;
  private final CatalogSearch search;
  private final WebhookModule webhooks;

  /** A catalog that leaves domain groups to others (a node without identity administration). */
  public Catalog(Vertx vertx, MongoDatabase database) {
    this(vertx, database, DomainGroups.NONE);
  }

  /** @param domainGroups creates a new domain's groups ({@code /domains/<name>/owners}, {@code /members}) */
  public Catalog(Vertx vertx, MongoDatabase database, DomainGroups domainGroups) {
    this(vertx, database, domainGroups, new EventLog(vertx, database), CatalogSettings.bare());
  }

  /**
   * @param events   the mesh's event feed: registrations are announced there (and webhooks deliver from it)
   * @param settings governance defaults, webhook retries
   */
  public Catalog(Vertx vertx, MongoDatabase database, DomainGroups domainGroups, EventLog events, CatalogSettings settings) {
    this.contractStore = new DescriptorCollection<>(vertx, database, "contracts", "Contract", DataContract::from);
    this.productStore = new DescriptorCollection<>(vertx, database, "products", "Product", DataProduct::from);
    this.governance = new GovernanceModule(vertx, database, this::product, this::contract, settings.defaultGovernanceRules());
    CatalogEvents announcements = new CatalogEvents(events);
    this.search = new CatalogSearch(vertx, productStore, contractStore, governance.governance(), events, announcements,
        settings.searchFollowEvery());
    this.lineage = new LineageService(vertx, database, () -> productStore.list(0, Integer.MAX_VALUE), this::product);
    // announced in the feed, then searchable and in the lineage graph: all before a registration answers
    CatalogListener listeners = new CatalogListeners(List.of(announcements, search, lineage.listener()));
    this.webhooks = new WebhookModule(vertx, database, settings.webhookFirstRetry(), settings.webhookAttempts());
    this.contracts = new ContractModule(contractStore, new RevisionLog(vertx, database, "contract_revisions"),
        contractId -> productStore.idsWhere("contracts", contractId), governance.governance(), listeners);
    this.products = new ProductModule(productStore, new RevisionLog(vertx, database, "product_revisions"), contractStore::existing,
        governance.governance(), listeners);
    this.domains = new DomainModule(new DescriptorCollection<>(vertx, database, "domains", "Domain", Domain::from),
        () -> productStore.fieldByIds("domain"), domainGroups);
  }

  /** Prepares storage (indexes); the catalog can serve once this completes. */
  public Future<Void> start() {
    return Future.all(contracts.start(), products.start(), governance.start()).compose(v -> lineage.start())
        .compose(v -> search.start()).onSuccess(v -> webhooks.start()).mapEmpty();
  }

  /** A registered product, for the node's other services (access governance reads its ports). */
  public Future<Optional<DataProduct>> product(String id) {
    return productStore.find(id).map(found -> found.map(Stored::value));
  }

  /** Every registered product, for the node's other services (monitoring evaluates their SLOs). */
  public Future<List<DataProduct>> products() {
    return productStore.list(0, Integer.MAX_VALUE);
  }

  /** A registered contract, for the node's other services (access governance reads its columns). */
  public Future<Optional<DataContract>> contract(String id) {
    return contractStore.find(id).map(found -> found.map(Stored::value));
  }

  /** Lineage of the mesh; the node wires its data plane's LineageSink to {@link LineageService#record}. */
  public LineageService lineage() {
    return lineage;
  }

  public void mount(Router router) {
    new LineageRoutes(lineage).mount(router);
    contracts.mount(router);
    products.mount(router);
    domains.mount(router);
    governance.mount(router);
    new SearchModule(search).mount(router);
    webhooks.mount(router);
  }
}
