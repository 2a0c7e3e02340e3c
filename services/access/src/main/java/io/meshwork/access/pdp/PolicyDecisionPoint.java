package io.meshwork.access.pdp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Decides, in memory and without I/O, whether a subject may read an output port and under which
 * obligations. Grants and policies live in an immutable snapshot swapped atomically on every
 * change (copy on write): readers never lock and never wait on a database, and a revocation or a
 * policy change applies to the very next decision.
 *
 * <p>Rules, in order: a domain owner reads their own domain's ports in full. Anyone else needs an
 * unexpired grant to them (as user, service account or group member) for this port and this
 * purpose; policies may then deny it (product status, grant duration) or narrow it (withhold a
 * classification's columns for other purposes, keep them masked for an identity provider). When
 * several grants apply, the one that shows the most columns wins; grants are never merged, so a
 * decision never shows more than one grant allows. Mesh admins get no data by role alone.
 */
public final class PolicyDecisionPoint {

  /**
   * Grants by port and by id, and the policies that apply per domain (global ones first), worked
   * out once per change so that a decision only looks at what concerns it.
   */
  private record Snapshot(
      Map<String, List<Grant>> grantsByPort, Map<String, Grant> grantsById, List<Policy> policies,
      List<Policy> global, Map<String, List<Policy>> byDomain) {

    static Snapshot of(Map<String, List<Grant>> grantsByPort, Map<String, Grant> grantsById, List<Policy> policies) {
      List<Policy> global = policies.stream().filter(p -> p.domain() == null).toList();
      Map<String, List<Policy>> byDomain = new HashMap<>();
      for (Policy policy : policies) {
        if (policy.domain() != null) {
          byDomain.computeIfAbsent(policy.domain(), d -> new ArrayList<>(global)).add(policy);
        }
      }
      byDomain.replaceAll((d, list) -> List.copyOf(list));
      return new Snapshot(grantsByPort, grantsById, List.copyOf(policies), global, Map.copyOf(byDomain));
    }

    List<Policy> applicableTo(PortResource resource) {
      return byDomain.getOrDefault(resource.domain(), global);
    }
  }

  private final MaskingRules masking;
  private volatile Snapshot snapshot = Snapshot.of(Map.of(), Map.of(), List.of());

  public PolicyDecisionPoint(MaskingRules masking) {
    this.masking = masking;
  }

  // --- keeping the index current (called from events) ---

  public synchronized void replaceAll(Collection<Grant> grants, Collection<Policy> policies) {
    snapshot = index(grants, List.copyOf(policies));
  }

  public synchronized void putGrant(Grant grant) {
    Map<String, Grant> grants = new HashMap<>(snapshot.grantsById());
    grants.put(grant.id(), grant);
    snapshot = index(grants.values(), snapshot.policies());
  }

  public synchronized void removeGrant(String grantId) {
    Map<String, Grant> grants = new HashMap<>(snapshot.grantsById());
    if (grants.remove(grantId) != null) {
      snapshot = index(grants.values(), snapshot.policies());
    }
  }

  public synchronized void putPolicy(Policy policy) {
    List<Policy> policies = new ArrayList<>(snapshot.policies().stream().filter(p -> !p.id().equals(policy.id())).toList());
    policies.add(policy);
    snapshot = Snapshot.of(snapshot.grantsByPort(), snapshot.grantsById(), policies);
  }

  public synchronized void removePolicy(String policyId) {
    snapshot = Snapshot.of(snapshot.grantsByPort(), snapshot.grantsById(),
        snapshot.policies().stream().filter(p -> !p.id().equals(policyId)).toList());
  }

  private static Snapshot index(Collection<Grant> grants, List<Policy> policies) {
    Map<String, List<Grant>> byPort = new HashMap<>();
    Map<String, Grant> byId = new HashMap<>();
    for (Grant grant : grants) {
      byPort.computeIfAbsent(grant.key(), k -> new ArrayList<>()).add(grant);
      byId.put(grant.id(), grant);
    }
    byPort.replaceAll((k, v) -> List.copyOf(v));
    return Snapshot.of(Map.copyOf(byPort), Map.copyOf(byId), policies);
  }

  // --- decisions ---

  /** May {@code subject} read {@code resource} for {@code purpose} at {@code now}, and how. */
  public Decision decideRead(Subject subject, PortResource resource, String purpose, Instant now) {
    if (subject.ownsDomain(resource.domain())) {
      return new Decision(true, "domain owner of " + resource.domain(), Optional.empty(),
          resource.columns().stream().map(Column::name).toList(), Map.of(), Optional.empty());
    }
    if (purpose == null || purpose.isBlank()) {
      return Decision.deny("a purpose is required to read data");
    }
    Snapshot current = snapshot;
    List<Grant> grants = current.grantsByPort().getOrDefault(resource.key(), List.of());
    List<String> refusals = new ArrayList<>();
    List<Decision> allowed = new ArrayList<>();
    for (Grant grant : grants) {
      if (!subject.is(grant.principal())) {
        continue;
      }
      if (!grant.purpose().equals(purpose)) {
        refusals.add("grant " + grant.id() + " is for purpose " + grant.purpose());
        continue;
      }
      if (!now.isBefore(grant.expiresAt())) {
        refusals.add("grant " + grant.id() + " expired at " + grant.expiresAt());
        continue;
      }
      underGrant(subject, resource, purpose, now, grant, current.applicableTo(resource)).ifPresentOrElse(allowed::add,
          () -> refusals.add(denialUnderPolicies(subject, resource, purpose, now, grant, current.applicableTo(resource))));
    }
    if (!allowed.isEmpty()) {
      return allowed.stream()
          .max(Comparator.<Decision>comparingInt(d -> d.columns().size())
              .thenComparing(d -> -d.masks().size())
              .thenComparing(d -> d.grantId().orElse(""), Comparator.reverseOrder()))
          .orElseThrow();
    }
    return Decision.deny(refusals.isEmpty()
        ? "no grant to " + subject.id() + " for " + resource.productId() + "/" + resource.port()
        : String.join("; ", refusals));
  }

  /** The obligations of one grant after every applicable policy, or empty if a policy denies it. */
  private Optional<Decision> underGrant(
      Subject subject, PortResource resource, String purpose, Instant now, Grant grant, List<Policy> policies) {
    Map<String, String> withheld = new TreeMap<>();
    Map<String, String> forcedMasks = new TreeMap<>();
    for (Policy policy : policies) {
      ReadEffect effect = policy.onRead(subject, resource, purpose, now, grant);
      if (effect.denied()) {
        return Optional.empty();
      }
      effect.withheld().forEach(c -> withheld.putIfAbsent(c, policy.id()));
      effect.masked().forEach(c -> forcedMasks.putIfAbsent(c, policy.id()));
    }
    List<String> columns = new ArrayList<>();
    Map<String, MaskKind> masks = new LinkedHashMap<>();
    for (Column column : resource.columns()) {
      if (!grant.coversColumn(column.name())) {
        continue;
      }
      columns.add(column.name());
      Optional<MaskKind> byClassification = masking.maskFor(column.classification());
      if (withheld.containsKey(column.name())) {
        masks.put(column.name(), MaskKind.NULL);
      } else if (forcedMasks.containsKey(column.name())) {
        masks.put(column.name(), byClassification.orElse(MaskKind.NULL));
      } else if (byClassification.isPresent() && !grant.unmasked().contains(column.name())) {
        masks.put(column.name(), byClassification.get());
      }
    }
    StringBuilder reason = new StringBuilder("grant " + grant.id() + " to " + grant.principal() + " for " + purpose
        + " until " + grant.expiresAt());
    if (!withheld.isEmpty()) {
      reason.append("; withheld by policy: ").append(withheld);
    }
    if (!forcedMasks.isEmpty()) {
      reason.append("; masked by policy: ").append(forcedMasks);
    }
    return Optional.of(new Decision(true, reason.toString(), Optional.of(grant.id()), columns, masks, grant.rowFilter()));
  }

  private static String denialUnderPolicies(
      Subject subject, PortResource resource, String purpose, Instant now, Grant grant, List<Policy> policies) {
    return policies.stream()
        .filter(p -> p.onRead(subject, resource, purpose, now, grant).denied())
        .findFirst()
        .map(p -> "grant " + grant.id() + " is refused by policy " + p.id() + ": " + p.describe())
        .orElse("grant " + grant.id() + " is refused by policy");
  }

  /**
   * What would stop a grant from being approved (a hard gate) or a request from being made (early
   * feedback): every applicable policy it violates, in words. Empty when it may be granted.
   */
  public List<String> violations(Grant proposed, PortResource resource, Subject requester) {
    return snapshot.applicableTo(resource).stream()
        .flatMap(p -> p.violation(proposed, resource, requester).map(v -> p.id() + ": " + v).stream())
        .toList();
  }
}
