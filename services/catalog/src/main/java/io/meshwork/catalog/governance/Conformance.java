package io.meshwork.catalog.governance;

import io.meshwork.model.error.Violation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * How a product measures up to the governance rules that apply to it: each rule met or not, with
 * where it falls short. Contract rules are checked against the contracts of the product's output
 * ports; a finding in a contract names it.
 */
public record Conformance(String productId, List<RuleResult> results) {

  /** One place a document falls short; {@code contract} is null when it is the product's own document. */
  public record Finding(String contract, Violation violation) {}

  public record RuleResult(GovernanceRule rule, List<Finding> findings) {
    public RuleResult {
      findings = List.copyOf(findings);
    }

    public boolean met() {
      return findings.isEmpty();
    }
  }

  public Conformance {
    results = List.copyOf(results);
  }

  public int met() {
    return (int) results.stream().filter(RuleResult::met).count();
  }

  public int total() {
    return results.size();
  }

  /** {@code {met, total}}: what a listing or a search hit shows. */
  public JsonObject summary() {
    return new JsonObject().put("met", met()).put("total", total());
  }

  public JsonObject toJson() {
    JsonArray rules = new JsonArray();
    for (RuleResult result : results) {
      JsonArray findings = new JsonArray();
      result.findings().forEach(f -> {
        JsonObject finding = new JsonObject().put("pointer", f.violation().pointer()).put("reason", f.violation().reason());
        if (f.contract() != null) {
          finding.put("contract", f.contract());
        }
        findings.add(finding);
      });
      rules.add(result.rule().toJson().put("met", result.met()).put("violations", findings));
    }
    return new JsonObject().put("product", productId).put("met", met()).put("total", total())
        .put("conforms", met() == total()).put("rules", rules);
  }
}
