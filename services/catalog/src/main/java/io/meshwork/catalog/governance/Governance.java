package io.meshwork.catalog.governance;

import io.meshwork.catalog.web.DomainOwnership;
import io.meshwork.model.contract.DataContract;
import io.meshwork.model.error.ForbiddenException;
import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.NotFoundException;
import io.meshwork.model.error.Violation;
import io.meshwork.model.lifecycle.Lifecycle;
import io.meshwork.model.product.DataProduct;
import io.meshwork.runtime.auth.Caller;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Computational governance: the mesh's standards as data, checked when a product or a contract
 * becomes (or stays) active. Drafts may fall short — that is what drafts are for; an active
 * document may not, and the answer lists every shortfall at once. Mesh admins set mesh-wide rules;
 * a domain's owners add their domain's own on top.
 */
public final class Governance {

  /** What a fresh mesh starts with: the standards issue 4 names, one rule per built-in kind. */
  static final List<GovernanceRule> DEFAULT_RULES = List.of(
      defaultRule(RuleKind.OWNER_AND_SUPPORT),
      defaultRule(RuleKind.PROPERTIES_DESCRIBED),
      defaultRule(RuleKind.PERSONAL_DATA_CLASSIFIED),
      defaultRule(RuleKind.SLA_AND_QUALITY),
      defaultRule(RuleKind.OUTPUT_PORTS_VERSIONED));

  /**
   * How long the rules read from the store are used before they are read again. Every
   * registration consults them; an admin's change on this node applies at once (it clears them),
   * one made on another node within this time.
   */
  static final long RULES_FRESH_MS = 2_000;

  private final RuleRepository rules;
  private final Function<String, Future<Optional<DataContract>>> contracts;
  private final boolean seedDefaults;
  private Future<List<GovernanceRule>> current;
  private long currentSince;

  /**
   * @param contracts    a registered contract by id (a product's conformance includes its output ports' contracts)
   * @param seedDefaults store {@link #DEFAULT_RULES} at the first start
   */
  Governance(RuleRepository rules, Function<String, Future<Optional<DataContract>>> contracts, boolean seedDefaults) {
    this.rules = rules;
    this.contracts = contracts;
    this.seedDefaults = seedDefaults;
  }

  Future<Void> start() {
    return seedDefaults ? rules.seedOnce(DEFAULT_RULES).onComplete(seeded -> forget()) : Future.succeededFuture();
  }

  /** Fails with a 400 listing every shortfall when an active product (or its output contracts) breaks a rule. */
  public Future<Void> requireConformance(DataProduct product) {
    if (product.status() != Lifecycle.ACTIVE) {
      return Future.succeededFuture();
    }
    return conformance(product).map(conformance -> {
      List<Violation> violations = new ArrayList<>();
      for (Conformance.RuleResult result : conformance.results()) {
        for (Conformance.Finding finding : result.findings()) {
          violations.add(finding.contract() == null
              ? new Violation(finding.violation().pointer(), finding.violation().reason() + " (rule " + result.rule().id() + ")")
              : new Violation(portPointer(product, finding.contract()), "contract '" + finding.contract() + "' at "
                  + finding.violation().pointer() + ": " + finding.violation().reason() + " (rule " + result.rule().id() + ")"));
        }
      }
      if (!violations.isEmpty()) {
        throw new InvalidException("The data product cannot be active: it does not meet " + (conformance.total() - conformance.met())
            + " of the " + conformance.total() + " governance rules that apply to it (drafts may)", violations);
      }
      return null;
    });
  }

  /** Fails with a 400 listing every shortfall when an active contract breaks a rule. */
  public Future<Void> requireConformance(DataContract contract) {
    if (contract.status() != Lifecycle.ACTIVE) {
      return Future.succeededFuture();
    }
    return current().map(all -> {
      List<Violation> violations = new ArrayList<>();
      int broken = 0;
      int total = 0;
      for (GovernanceRule rule : applicable(all, contract.domain(), Target.CONTRACT)) {
        total++;
        List<Violation> found = rule.check(contract.document());
        broken += found.isEmpty() ? 0 : 1;
        found.forEach(v -> violations.add(new Violation(v.pointer(), v.reason() + " (rule " + rule.id() + ")")));
      }
      if (!violations.isEmpty()) {
        throw new InvalidException("The data contract cannot be active: it does not meet " + broken + " of the " + total
            + " governance rules that apply to it (drafts may)", violations);
      }
      return null;
    });
  }

  /** The product's conformance with the rules as they are now. */
  public Future<Conformance> conformance(DataProduct product) {
    return Future.all(current(), outputContracts(product))
        .map(both -> conformance(product, both.resultAt(1), both.resultAt(0)));
  }

  /** The rules as they are now, for callers that check many products at once. */
  public Future<List<GovernanceRule>> rules() {
    return current();
  }

  /** The rules, read from the store at most every {@link #RULES_FRESH_MS}; a failed read is not kept. */
  private synchronized Future<List<GovernanceRule>> current() {
    long now = System.currentTimeMillis();
    if (current == null || now - currentSince > RULES_FRESH_MS || current.failed()) {
      current = rules.all();
      currentSince = now;
    }
    return current;
  }

  private synchronized void forget() {
    current = null;
  }

  /** Conformance computed from what the caller already holds (the search index checks every product it indexes). */
  public static Conformance conformance(DataProduct product, List<DataContract> outputContracts, List<GovernanceRule> all) {
    List<Conformance.RuleResult> results = new ArrayList<>();
    for (GovernanceRule rule : all) {
      if (!rule.appliesToDomain(product.domain())) {
        continue;
      }
      List<Conformance.Finding> findings = new ArrayList<>();
      if (rule.appliesTo() == Target.PRODUCT) {
        rule.check(product.document()).forEach(v -> findings.add(new Conformance.Finding(null, v)));
      } else {
        for (DataContract contract : outputContracts) {
          rule.check(contract.document()).forEach(v -> findings.add(new Conformance.Finding(contract.id(), v)));
        }
      }
      results.add(new Conformance.RuleResult(rule, findings));
    }
    return new Conformance(product.id(), results);
  }

  // --- rule management ---

  /** Every rule, or those that apply in {@code domain} (mesh-wide and the domain's own). */
  Future<List<GovernanceRule>> list(String domain) {
    return rules.all().map(all -> domain == null ? all : all.stream().filter(r -> r.appliesToDomain(domain)).toList());
  }

  Future<GovernanceRule> get(String id) {
    return rules.find(id).map(found -> found.orElseThrow(() -> new NotFoundException("No governance rule with id '" + id + "'")));
  }

  /** Creates or replaces a rule; completes with whether it was created. */
  Future<Boolean> put(Caller caller, GovernanceRule rule) {
    requireManager(caller, rule.domain());
    return rules.find(rule.id()).compose(existing -> {
      existing.ifPresent(current -> requireManager(caller, current.domain()));
      return rules.save(rule, caller.username()).onComplete(saved -> forget()).map(saved -> existing.isEmpty());
    });
  }

  Future<Void> delete(Caller caller, String id) {
    return get(id).compose(rule -> {
      requireManager(caller, rule.domain());
      return rules.delete(id).onComplete(deleted -> forget()).mapEmpty();
    });
  }

  /** Mesh-wide rules are the mesh admins'; a domain's rules are its owners' too. */
  private static void requireManager(Caller caller, String domain) {
    if (domain == null) {
      if (!caller.hasRole(Caller.MESH_ADMIN)) {
        throw new ForbiddenException("Only a mesh-admin may set mesh-wide governance rules; domain owners set rules for their domain");
      }
      return;
    }
    DomainOwnership.require(caller, domain, "governance rules");
  }

  private static List<GovernanceRule> applicable(List<GovernanceRule> all, String domain, Target target) {
    return all.stream().filter(r -> r.appliesTo() == target && r.appliesToDomain(domain)).toList();
  }

  /** The distinct contracts the product's output ports name, those that are registered. */
  private Future<List<DataContract>> outputContracts(DataProduct product) {
    Map<String, Future<Optional<DataContract>>> lookups = new LinkedHashMap<>();
    product.outputPorts().stream().filter(p -> p.contractId() != null)
        .forEach(p -> lookups.computeIfAbsent(p.contractId(), contracts));
    return Future.all(List.copyOf(lookups.values()))
        .map(all -> lookups.values().stream().map(f -> f.result()).flatMap(Optional::stream).toList());
  }

  private static String portPointer(DataProduct product, String contractId) {
    return product.outputPorts().stream().filter(p -> contractId.equals(p.contractId())).findFirst()
        .map(p -> p.pointer() + "/contractId").orElse("/outputPorts");
  }

  private static GovernanceRule defaultRule(RuleKind kind) {
    return new GovernanceRule(kind.wireName(), kind, kind.target().orElseThrow(), null, kind.defaultDescription(), null);
  }
}
