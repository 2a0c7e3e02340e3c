package io.meshwork.quality;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * The results of one evaluation of a contract's rules over one relation (a batch or a snapshot):
 * per-rule results, the rows judged, how many statements read the data (one for all library
 * metrics, plus one per SQL rule) and how long it took.
 */
public record QualityReport(List<RuleResult> results, long rows, int scans, long durationMs, Instant evaluatedAt) {

  public QualityReport {
    results = List.copyOf(results);
  }

  /** An error-severity rule failed: the batch must not become visible. */
  public boolean blocking() {
    return results.stream().anyMatch(RuleResult::blocking);
  }

  /** The rules that block, by name — e.g. for a quarantine reason {@code "quality: <rule>"}. */
  public List<String> blockingRules() {
    return results.stream().filter(RuleResult::blocking).map(RuleResult::rule).toList();
  }

  public long count(String status) {
    return results.stream().filter(r -> r.status().equals(status)).count();
  }

  public JsonObject toJson() {
    JsonArray rules = new JsonArray();
    results.forEach(r -> rules.add(r.toJson()));
    return new JsonObject()
        .put("evaluatedAt", evaluatedAt.toString())
        .put("rows", rows)
        .put("blocking", blocking())
        .put("passed", count(RuleResult.PASSED))
        .put("failed", count(RuleResult.FAILED))
        .put("notEvaluated", count(RuleResult.NOT_EVALUATED))
        .put("scans", scans)
        .put("durationMs", durationMs)
        .put("results", rules);
  }

  public static QualityReport fromJson(JsonObject json) {
    JsonArray rules = json.getJsonArray("results", new JsonArray());
    List<RuleResult> results = rules.stream().map(o -> RuleResult.fromJson((JsonObject) o)).toList();
    return new QualityReport(results, json.getLong("rows", 0L), json.getInteger("scans", 0), json.getLong("durationMs", 0L),
        Instant.parse(json.getString("evaluatedAt", Instant.EPOCH.toString())));
  }
}
