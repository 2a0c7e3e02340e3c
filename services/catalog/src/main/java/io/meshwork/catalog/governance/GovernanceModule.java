package io.meshwork.catalog.governance;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.meshwork.model.contract.DataContract;
import io.meshwork.model.product.DataProduct;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.Optional;
import java.util.function.Function;

/** Wires governance: rule store → {@link Governance} → routes. */
public final class GovernanceModule {

  private final Governance governance;
  private final GovernanceRoutes routes;

  /**
   * @param products     a registered product by id (for its conformance)
   * @param contracts    a registered contract by id (a product's conformance includes its output ports' contracts)
   * @param seedDefaults store the default rules at the first start of the mesh
   */
  public GovernanceModule(Vertx vertx, MongoDatabase database, Function<String, Future<Optional<DataProduct>>> products,
      Function<String, Future<Optional<DataContract>>> contracts, boolean seedDefaults) {
    this.governance = new Governance(new RuleRepository(vertx, database), contracts, seedDefaults);
    this.routes = new GovernanceRoutes(governance, products);
  }

  /** The gate registrations pass and what search shows of each product's conformance. */
  public Governance governance() {
    return governance;
  }

  public Future<Void> start() {
    return governance.start();
  }

  public void mount(Router router) {
    routes.mount(router);
  }
}
