package io.meshwork.access.policy;

import io.meshwork.access.audit.AuditLog;
import io.meshwork.access.pdp.PolicyDecisionPoint;
import io.meshwork.access.pdp.Policy;
import io.meshwork.model.error.ForbiddenException;
import io.meshwork.model.error.NotFoundException;
import io.meshwork.runtime.auth.Caller;
import io.vertx.core.Future;
import java.util.List;

/**
 * Federated governance: mesh admins set global policies, domain owners their domain's. A change
 * goes into the decision point at once, so it applies to existing grants on the next decision.
 */
public final class PolicyService {

  private final PolicyRepository policies;
  private final PolicyDecisionPoint pdp;
  private final AuditLog audit;

  public PolicyService(PolicyRepository policies, PolicyDecisionPoint pdp, AuditLog audit) {
    this.policies = policies;
    this.pdp = pdp;
    this.audit = audit;
  }

  public Future<List<Policy>> all() {
    return policies.all();
  }

  public Future<Policy> get(String id) {
    return policies.find(id).map(found -> found.orElseThrow(() -> new NotFoundException("No policy with id '" + id + "'")));
  }

  /** Creates or replaces a policy; true when created. Changing a policy's scope needs the rights of both scopes. */
  public Future<Boolean> put(Caller caller, Policy policy) {
    requireMayGovern(caller, policy.domain());
    return policies.find(policy.id()).compose(existing -> {
      existing.ifPresent(old -> requireMayGovern(caller, old.domain()));
      return policies.put(policy, caller.username());
    }).compose(created -> {
      pdp.putPolicy(policy);
      return audit.append("policy." + (created ? "created" : "updated"), caller.username(), null, null, null, policy.domain(),
          PolicyCodec.write(policy)).map(v -> created);
    });
  }

  public Future<Void> delete(Caller caller, String id) {
    return get(id).compose(policy -> {
      requireMayGovern(caller, policy.domain());
      return policies.delete(id).compose(v -> {
        pdp.removePolicy(id);
        return audit.append("policy.deleted", caller.username(), null, null, null, policy.domain(), PolicyCodec.write(policy));
      });
    });
  }

  private static void requireMayGovern(Caller caller, String domain) {
    boolean allowed = caller.administers(domain);
    if (!allowed) {
      throw new ForbiddenException(domain == null
          ? "Only a mesh-admin may set global policies"
          : "Only a mesh-admin or a domain-owner of '" + domain + "' may set this domain's policies");
    }
  }
}
