package io.meshwork.access;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.meshwork.access.audit.AuditLog;
import io.meshwork.access.audit.AuditRoutes;
import io.meshwork.access.autoapproval.AutoApprovalRoutes;
import io.meshwork.access.autoapproval.AutoApprovalRules;
import io.meshwork.access.decide.DecideRoutes;
import io.meshwork.access.grant.GrantRepository;
import io.meshwork.access.grant.GrantRoutes;
import io.meshwork.access.grant.GrantService;
import io.meshwork.access.pdp.PolicyDecisionPoint;
import io.meshwork.access.policy.PolicyRepository;
import io.meshwork.access.policy.PolicyRoutes;
import io.meshwork.access.policy.PolicyService;
import io.meshwork.access.request.RequestModule;
import io.meshwork.runtime.events.EventLog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composition root of access governance: repositories → decision point → services → routes, with
 * plain constructors. A mesh node creates one, starts it (policies and grants loaded into the
 * decision point) and mounts its routes.
 */
public final class Access {

  public static final String OPENAPI = "openapi/access.json";
  static final int MAX_DURATION_DAYS = 365;
  /** How often expired grants are looked for; an expiry is enforced on time regardless, this only announces it. */
  static final Duration EXPIRY_CHECK = Duration.ofMinutes(1);
  private static final Logger LOG = LoggerFactory.getLogger(Access.class);

  private final Vertx vertx;

  private final PolicyDecisionPoint pdp;
  private final GrantService grants;
  private final RequestModule requests;
  private final GrantRoutes grantRoutes;
  private final DecideRoutes decideRoutes;
  private final AuditRoutes auditRoutes;
  private final PolicyRepository policyRepository;
  private final PolicyRoutes policyRoutes;
  private final AutoApprovalRoutes autoApprovalRoutes;

  public Access(Vertx vertx, MongoDatabase database, PortDirectory ports, EventLog events, AccessSettings settings) {
    pdp = new PolicyDecisionPoint(settings.masking());
    this.vertx = vertx;
    GrantRepository grantRepository = new GrantRepository(vertx, database);
    AuditLog audit = new AuditLog(vertx, database, events);
    grants = new GrantService(grantRepository, ports, pdp, audit);
    AutoApprovalRules autoApproval = new AutoApprovalRules(vertx, database);
    requests = new RequestModule(vertx, database, grantRepository, ports, pdp, audit, autoApproval, settings.purposes(), MAX_DURATION_DAYS);
    autoApprovalRoutes = new AutoApprovalRoutes(autoApproval, ports);
    grantRoutes = new GrantRoutes(grants);
    decideRoutes = new DecideRoutes(grants);
    auditRoutes = new AuditRoutes(audit);
    policyRepository = new PolicyRepository(vertx, database);
    policyRoutes = new PolicyRoutes(new PolicyService(policyRepository, pdp, audit));
  }

  /**
   * Loads the policies and the active grants into the decision point; access can serve once this
   * completes. From then on, expired grants are announced every {@link #EXPIRY_CHECK}.
   */
  public Future<Void> start() {
    return policyRepository.all().compose(grants::load)
        .onSuccess(loaded -> vertx.setPeriodic(0, EXPIRY_CHECK.toMillis(), timer -> grants.announceExpiries()
            .onFailure(err -> LOG.warn("could not announce expired grants: {}", err.toString()))))
        .mapEmpty();
  }

  public void mount(Router router) {
    requests.mount(router);
    grantRoutes.mount(router);
    decideRoutes.mount(router);
    auditRoutes.mount(router);
    policyRoutes.mount(router);
    autoApprovalRoutes.mount(router);
  }

  /** The node's decision point, for the data plane to enforce on reads. */
  public PolicyDecisionPoint decisionPoint() {
    return pdp;
  }
}
