package io.meshwork.access.request;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.meshwork.access.PortDirectory;
import io.meshwork.access.audit.AuditLog;
import io.meshwork.access.autoapproval.AutoApprovalRules;
import io.meshwork.access.grant.GrantRepository;
import io.meshwork.access.pdp.PolicyDecisionPoint;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.Set;

/** Wires the access-request feature: repository → service → routes. */
public final class RequestModule {

  private final AccessRequestRoutes routes;

  public RequestModule(Vertx vertx, MongoDatabase database, GrantRepository grants, PortDirectory ports, PolicyDecisionPoint pdp,
      AuditLog audit, AutoApprovalRules autoApproval, Set<String> purposes, int maxDurationDays) {
    AccessRequestService service = new AccessRequestService(new AccessRequestRepository(vertx, database), grants, ports, pdp, audit,
        autoApproval, purposes, maxDurationDays);
    this.routes = new AccessRequestRoutes(service);
  }

  public void mount(Router router) {
    routes.mount(router);
  }
}
