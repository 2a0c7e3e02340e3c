package io.meshwork.access.grant;

import io.meshwork.access.CallerSubject;
import io.meshwork.access.PortDirectory;
import io.meshwork.access.audit.AuditLog;
import io.meshwork.access.decide.DecisionJson;
import io.meshwork.access.grant.GrantRepository.StoredGrant;
import io.meshwork.access.pdp.Decision;
import io.meshwork.access.pdp.Grant;
import io.meshwork.access.pdp.Policy;
import io.meshwork.access.pdp.PolicyDecisionPoint;
import io.meshwork.access.pdp.Subject;
import io.meshwork.model.error.ForbiddenException;
import io.meshwork.model.error.NotFoundException;
import io.meshwork.runtime.auth.Caller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * Grants as their holders, owners and admins see them, revocation (effective on the next decision),
 * and decisions: the one question the data plane asks on every read, and that owners and admins may
 * ask on someone's behalf to understand an outcome.
 */
public final class GrantService {

  /** The actor of what the mesh does by itself, such as announcing an expiry. */
  public static final String SYSTEM_ACTOR = "meshwork";

  private final GrantRepository grants;
  private final PortDirectory ports;
  private final PolicyDecisionPoint pdp;
  private final AuditLog audit;

  public GrantService(GrantRepository grants, PortDirectory ports, PolicyDecisionPoint pdp, AuditLog audit) {
    this.grants = grants;
    this.ports = ports;
    this.pdp = pdp;
    this.audit = audit;
  }

  /** Loads every active grant, with the policies, into the decision point (at start; later changes go in as they happen). */
  public Future<Integer> load(List<Policy> policies) {
    Instant now = Instant.now();
    return grants.all().map(all -> {
      var active = all.stream().filter(g -> g.active(now)).map(StoredGrant::grant).toList();
      pdp.replaceAll(active, policies);
      return active.size();
    });
  }

  /** Grants the caller holds (directly or through a group), and those of the domains they own; all for a mesh admin. */
  public Future<List<StoredGrant>> visibleTo(Caller caller) {
    Subject subject = CallerSubject.of(caller);
    return grants.all().map(all -> all.stream().filter(g -> mayRead(caller, subject, g)).toList());
  }

  public Future<StoredGrant> get(Caller caller, String id) {
    Subject subject = CallerSubject.of(caller);
    return grants.find(id).map(found -> found
        .filter(g -> mayRead(caller, subject, g))
        .orElseThrow(() -> new NotFoundException("No grant with id '" + id + "'")));
  }

  /**
   * Whoever may see a grant may revoke it: the grantee, owners of its domain and mesh admins. Anyone
   * else gets the same 404 as from {@link #get}, so a grant's existence is not disclosed.
   */
  public Future<StoredGrant> revoke(Caller caller, String id) {
    return get(caller, id).compose(stored -> {
      Instant now = Instant.now();
      return grants.revoke(id, caller.username(), now).compose(revoked -> {
        pdp.removeGrant(id);
        return audit.append("grant.revoked", caller.username(), stored.grant().principal().toString(), stored.grant().productId(),
                stored.grant().port(), stored.domain(), new JsonObject().put("grantId", id).put("alreadyRevoked", !revoked))
            .map(v -> new StoredGrant(stored.grant(), stored.domain(), stored.approvedBy(), stored.rowFilterText(),
                stored.revokedAt() == null ? now : stored.revokedAt(), stored.revokedBy() == null ? caller.username() : stored.revokedBy()));
      });
    });
  }

  /**
   * Announces each grant whose expiry has passed, once: audited as {@code grant.expired} (and so a
   * CloudEvent) and dropped from the decision point, which already refuses it by its expiry time.
   * The claim comes first, so a crash right after it loses that one announcement rather than
   * repeating it. Completes with the number announced.
   */
  public Future<Integer> announceExpiries() {
    Instant now = Instant.now();
    return grants.expiredUnannounced(now).compose(expired -> Future.all(expired.stream().map(stored -> announceExpiry(stored, now)).toList())
        .map(all -> (int) all.list().stream().filter(Boolean.TRUE::equals).count()));
  }

  private Future<Boolean> announceExpiry(StoredGrant stored, Instant now) {
    Grant grant = stored.grant();
    return grants.claimExpiryAnnouncement(grant.id(), now).compose(claimed -> {
      if (!claimed) {
        return Future.succeededFuture(false);
      }
      pdp.removeGrant(grant.id());
      return audit.append("grant.expired", SYSTEM_ACTOR, grant.principal().toString(), grant.productId(), grant.port(), stored.domain(),
          new JsonObject().put("grantId", grant.id()).put("expiresAt", grant.expiresAt().toString())).map(true);
    });
  }

  /**
   * Decides a read of a port for a purpose: for the caller, or — for an owner of the port's domain or
   * a mesh admin — for another subject, to explain what they would get. Every decision is audited.
   */
  public Future<Decision> decide(Caller caller, Subject about, String productId, String port, String purpose) {
    return ports.port(productId, port).compose(resource -> {
      Subject subject = about == null ? CallerSubject.of(caller) : about;
      if (about != null && !caller.administers(resource.domain())) {
        throw new ForbiddenException("Only a domain-owner of '" + resource.domain() + "' or a mesh-admin may explain decisions for others");
      }
      Decision decision = pdp.decideRead(subject, resource, purpose, Instant.now());
      return audit.append(decision.allowed() ? "decision.allowed" : "decision.denied", caller.username(), "user:" + subject.id(),
              productId, port, resource.domain(), DecisionJson.of(decision).put("purpose", purpose))
          .map(v -> decision);
    });
  }

  private static boolean mayRead(Caller caller, Subject subject, StoredGrant g) {
    return caller.administers(g.domain()) || subject.is(g.grant().principal());
  }
}
