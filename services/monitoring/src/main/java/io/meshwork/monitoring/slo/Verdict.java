package io.meshwork.monitoring.slo;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;

/** The status of one objective at one moment, with what was measured and why. */
public record Verdict(SloStatus status, Duration measured, String reason) {

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("status", status.wire()).put("reason", reason);
    if (measured != null) {
      json.put("measuredSeconds", measured.toSeconds());
    }
    return json;
  }

  /**
   * Judges an objective against a port's activity at {@code now}. Pure: the same inputs give the
   * same verdict, so a node that restarts or a second node agrees.
   */
  public static Verdict judge(SlaObjective objective, PortActivity activity, Instant now) {
    return switch (objective.kind()) {
      case FRESHNESS -> withinPeriod(objective, activity, now, "latency");
      case FREQUENCY -> {
        Verdict timely = withinPeriod(objective, activity, now, "frequency");
        if (timely.status() == SloStatus.OK && activity.lastRows() == 0) {
          yield new Verdict(SloStatus.BREACHED, timely.measured(), "the last batch (" + activity.lastBatchId() + ") brought no rows");
        }
        yield timely;
      }
      case TIME_OF_AVAILABILITY -> timeOfAvailability(objective, activity, now);
      case NOT_MONITORED -> new Verdict(SloStatus.NOT_MONITORED, null, notMonitored(objective));
    };
  }

  private static Verdict withinPeriod(SlaObjective objective, PortActivity activity, Instant now, String name) {
    Duration promised = objective.period();
    String promise = name + " " + objective.value() + " " + objective.unit();
    if (activity.hasBatch()) {
      Duration age = positive(Duration.between(activity.lastBatchAt(), now));
      if (age.compareTo(promised) <= 0) {
        return new Verdict(SloStatus.OK, age, "last batch committed " + human(age) + " ago (" + promise + ")");
      }
      return new Verdict(SloStatus.BREACHED, age, "no batch committed for " + human(age) + "; the contract promises " + promise);
    }
    Duration waiting = positive(Duration.between(activity.firstSeenAt(), now));
    if (waiting.compareTo(promised) <= 0) {
      return new Verdict(SloStatus.PENDING, waiting, "no batch yet; due within " + human(promised.minus(waiting)) + " (" + promise + ")");
    }
    return new Verdict(SloStatus.BREACHED, waiting, "no batch committed since monitoring began " + human(waiting) + " ago; the contract promises " + promise);
  }

  /** The day's data must be there by the deadline: after the last deadline passed, a batch committed in the 24 h before it (or later). */
  private static Verdict timeOfAvailability(SlaObjective objective, PortActivity activity, Instant now) {
    var local = now.atOffset(objective.deadline().getOffset());
    var deadlineToday = local.toLocalDate().atTime(objective.deadline());
    Instant lastDeadline = (deadlineToday.toInstant().isAfter(now) ? deadlineToday.minusDays(1) : deadlineToday).toInstant();
    Instant windowStart = lastDeadline.minus(Duration.ofDays(1));
    if (activity.hasBatch() && !activity.lastBatchAt().isBefore(windowStart)) {
      return new Verdict(SloStatus.OK, null, "data of the day available (last batch " + activity.lastBatchAt() + ", due by " + objective.value() + ")");
    }
    if (!activity.hasBatch() && activity.firstSeenAt().isAfter(windowStart)) {
      return new Verdict(SloStatus.PENDING, null, "no batch yet; due daily by " + objective.value());
    }
    return new Verdict(SloStatus.BREACHED, null, "no batch committed between " + windowStart + " and the deadline " + lastDeadline
        + " (time of availability " + objective.value() + ")");
  }

  private static String notMonitored(SlaObjective objective) {
    return switch (objective.property().toLowerCase(java.util.Locale.ROOT)) {
      case "retention" -> "enforced by the data plane's retention, not monitored";
      case "latency", "freshness", "frequency", "timeofavailability" -> "value or unit not understood (" + objective.value() + " " + objective.unit() + ")";
      default -> "not monitored by Meshwork";
    };
  }

  private static Duration positive(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }

  static String human(Duration d) {
    long s = d.toSeconds();
    if (s < 120) {
      return s + " s";
    }
    if (s < 7200) {
      return (s / 60) + " min";
    }
    if (s < 172_800) {
      return (s / 3600) + " h";
    }
    return (s / 86_400) + " d";
  }
}
