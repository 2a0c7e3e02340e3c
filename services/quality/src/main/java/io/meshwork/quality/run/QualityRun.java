package io.meshwork.quality.run;

import io.meshwork.quality.QualityReport;
import io.meshwork.quality.QualityScore;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;

/**
 * One evaluation of a port's rules, kept in the history: over a batch before it became visible
 * ({@code trigger: batch}, with its {@code batchId}), or over the snapshot on request
 * ({@code trigger: manual}) or on the contract's schedule ({@code trigger: schedule}). {@code latestBatchAt} and {@code freshnessSla} let the freshness
 * dimension be judged when the run is read, not only when it was made: data that was fresh at the
 * last run goes stale while nothing arrives.
 */
public record QualityRun(
    String id,
    String productId,
    String domain,
    String port,
    int major,
    String trigger,
    String batchId,
    Instant at,
    Instant latestBatchAt,
    Duration freshnessSla,
    QualityReport report) {

  public static final String BATCH = "batch";
  public static final String MANUAL = "manual";
  public static final String SCHEDULE = "schedule";

  /** The trigger of a run stored before the triggers were renamed ({@code ingestion}, {@code on-demand}). */
  static String trigger(String stored) {
    return switch (stored == null ? "" : stored) {
      case "ingestion" -> BATCH;
      case "on-demand" -> MANUAL;
      default -> stored;
    };
  }

  public QualityScore score(Instant now) {
    return QualityScore.of(report.results(), latestBatchAt, freshnessSla, now);
  }

  /** The run as the API shows it, with its score as of {@code now}; per-rule results only when {@code detailed}. */
  public JsonObject toJson(Instant now, boolean detailed) {
    QualityScore score = score(now);
    JsonObject json = new JsonObject()
        .put("id", id)
        .put("productId", productId)
        .put("domain", domain)
        .put("port", port)
        .put("major", major)
        .put("trigger", trigger)
        .put("at", at.toString())
        .put("rows", report.rows())
        .put("blocking", report.blocking())
        .put("passed", report.count("passed"))
        .put("failed", report.count("failed"))
        .put("notEvaluated", report.count("not-evaluated"))
        .put("durationMs", report.durationMs())
        .put("score", score.score())
        .put("dimensions", score.toJson().getJsonObject("dimensions"));
    if (batchId != null) {
      json.put("batchId", batchId);
    }
    if (latestBatchAt != null) {
      json.put("latestBatchAt", latestBatchAt.toString());
    }
    if (freshnessSla != null) {
      json.put("freshnessSla", freshnessSla.toString());
    }
    if (detailed) {
      json.put("results", report.toJson().getJsonArray("results"));
    }
    return json;
  }
}
