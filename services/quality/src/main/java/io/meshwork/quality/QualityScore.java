package io.meshwork.quality;

import io.meshwork.model.contract.QualityRule;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run's quality as one number from 0 to 100 and its four dimensions, so products compare across
 * a domain and the mesh whatever their rules.
 *
 * <ul>
 *   <li>completeness, validity, uniqueness: the share (in %) of the evaluated rules of that
 *       dimension that passed. A rule's dimension is its ODCS {@code dimension}
 *       (completeness/coverage → completeness; accuracy/conformity/consistency → validity;
 *       uniqueness; timeliness → freshness), else follows from its metric (nullValues,
 *       missingValues, rowCount → completeness; invalidValues and sql → validity;
 *       duplicateValues → uniqueness).</li>
 *   <li>freshness: 100 while the latest batch is no older than the contract's freshness/latency
 *       SLA, then falling linearly to 0 at twice the SLA (averaged with timeliness rules, if any).</li>
 * </ul>
 * The score is the mean of the dimensions that have something to say (a product without
 * uniqueness rules is not punished for it); null when none has.
 */
public record QualityScore(Double score, Map<String, Double> dimensions) {

  public static final List<String> DIMENSIONS = List.of("completeness", "validity", "uniqueness", "freshness");

  public static QualityScore of(List<RuleResult> results, Instant latestBatch, Duration freshnessSla, Instant now) {
    Map<String, Double> dimensions = new LinkedHashMap<>();
    for (String dimension : DIMENSIONS) {
      List<RuleResult> judged = results.stream().filter(r -> r.evaluated() && dimension.equals(r.dimension())).toList();
      Double rules = judged.isEmpty() ? null : 100.0 * judged.stream().filter(r -> r.status().equals(RuleResult.PASSED)).count() / judged.size();
      Double value = rules;
      if (dimension.equals("freshness")) {
        Double fresh = freshness(latestBatch, freshnessSla, now);
        if (fresh != null) {
          value = rules == null ? fresh : Double.valueOf((fresh + rules) / 2);
        }
      }
      dimensions.put(dimension, value == null ? null : round(value));
    }
    List<Double> known = dimensions.values().stream().filter(v -> v != null).toList();
    Double score = known.isEmpty() ? null : round(known.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
    return new QualityScore(score, dimensions);
  }

  static Double freshness(Instant latestBatch, Duration sla, Instant now) {
    if (latestBatch == null || sla == null || sla.isZero() || sla.isNegative()) {
      return null;
    }
    double age = Math.max(0, Duration.between(latestBatch, now).toMillis());
    double limit = sla.toMillis();
    if (age <= limit) {
      return 100.0;
    }
    return Math.max(0, 100.0 * (2 - age / limit));
  }

  public JsonObject toJson() {
    JsonObject dims = new JsonObject();
    dimensions.forEach(dims::put);
    return new JsonObject().put("score", score).put("dimensions", dims);
  }

  /** The score dimension a rule counts towards. */
  static String dimensionOf(QualityRule rule) {
    String declared = rule.dimension() == null ? "" : rule.dimension().toLowerCase(Locale.ROOT);
    switch (declared) {
      case "completeness", "cp", "coverage", "cv" -> {
        return "completeness";
      }
      case "uniqueness", "uq" -> {
        return "uniqueness";
      }
      case "timeliness", "tm", "freshness" -> {
        return "freshness";
      }
      case "accuracy", "ac", "conformity", "cf", "consistency", "cs", "validity" -> {
        return "validity";
      }
      default -> { }
    }
    String metric = rule.metric() == null ? "" : rule.metric();
    return switch (metric) {
      case "nullValues", "missingValues", "rowCount" -> "completeness";
      case "duplicateValues" -> "uniqueness";
      default -> "validity";
    };
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
