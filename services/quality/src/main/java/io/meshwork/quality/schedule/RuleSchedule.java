package io.meshwork.quality.schedule;

import io.meshwork.model.contract.QualityRule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a rule asks to be judged over the snapshot, from its ODCS {@code scheduler} and
 * {@code schedule}: {@code scheduler: cron} with a cron expression ({@code 0 20 * * *}, evaluated in
 * UTC; six fields add seconds), or {@code scheduler: interval} with a period ({@code 30s},
 * {@code 15m}, {@code 2h}, {@code 1d} or ISO {@code PT15M}) counted from the node's start or the
 * last scheduled run. A rule naming another scheduler (airflow, dagster…) belongs to that tool.
 */
public sealed interface RuleSchedule {

  /** As written in the contract, e.g. {@code cron 0 20 * * *}. */
  String text();

  /** Whether a run is due at {@code now}, given the previous check and the last scheduled run. */
  boolean due(Instant checkedUntil, Instant lastRun, Instant now);

  /** A run every {@code every}, counted from the last one. */
  record Interval(Duration every, String text) implements RuleSchedule {
    @Override
    public boolean due(Instant checkedUntil, Instant lastRun, Instant now) {
      return !now.isBefore(lastRun.plus(every));
    }
  }

  /** A run at every instant the cron expression fires at; {@code seconds} when it has a seconds field. */
  record Cron(Predicate<ZonedDateTime> fires, boolean seconds, String text) implements RuleSchedule {
    /** A node that was busy or paused does not catch up on more than this many firing instants. */
    static final int MAX_STEPS = 3_600;

    @Override
    public boolean due(Instant checkedUntil, Instant lastRun, Instant now) {
      ChronoUnit step = seconds ? ChronoUnit.SECONDS : ChronoUnit.MINUTES;
      Instant from = checkedUntil.truncatedTo(step).plus(1, step);
      Instant earliest = now.truncatedTo(step).minus(MAX_STEPS, step);
      for (Instant t = from.isBefore(earliest) ? earliest : from; !t.isAfter(now); t = t.plus(1, step)) {
        if (fires.test(t.atZone(ZoneOffset.UTC))) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * The rule's schedule; empty when it has none or names a scheduler other than Meshwork's.
   *
   * @throws IllegalArgumentException when Meshwork's scheduler is named with a schedule it cannot read
   */
  static Optional<RuleSchedule> of(QualityRule rule, CronParser cron) {
    String scheduler = rule.field("scheduler").asText("").trim().toLowerCase(Locale.ROOT);
    String schedule = rule.field("schedule").isValueNode() ? rule.field("schedule").asText("").trim() : "";
    // ODCS before v3 spelled a cron schedule scheduleCronExpression
    if (schedule.isEmpty() && rule.field("scheduleCronExpression").isTextual()) {
      schedule = rule.field("scheduleCronExpression").asText().trim();
      scheduler = scheduler.isEmpty() ? "cron" : scheduler;
    }
    if (schedule.isEmpty()) {
      if (scheduler.equals("cron") || scheduler.equals("interval")) {
        throw new IllegalArgumentException("scheduler: " + scheduler + " needs a schedule");
      }
      return Optional.empty();
    }
    if (scheduler.isEmpty()) {
      scheduler = schedule.split("\\s+").length >= 5 ? "cron" : "interval";
    }
    return switch (scheduler) {
      case "cron" -> Optional.of(new Cron(cron(cron, schedule), schedule.split("\\s+").length == 6, "cron " + schedule));
      case "interval" -> Optional.of(new Interval(period(schedule), "interval " + schedule));
      default -> Optional.empty();
    };
  }

  private static Predicate<ZonedDateTime> cron(CronParser cron, String schedule) {
    try {
      return cron.parse(schedule);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the cron schedule '" + schedule + "' cannot be read: " + e.getMessage());
    }
  }

  Pattern PERIOD = Pattern.compile("(\\d+)\\s*(s|sec|seconds?|m|min|minutes?|h|hours?|d|days?)");

  private static Duration period(String text) {
    Duration every;
    Matcher m = PERIOD.matcher(text.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      every = switch (m.group(2).charAt(0)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    } else {
      try {
        every = Duration.parse(text.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("the interval '" + text + "' is neither like 30s, 15m, 2h, 1d nor an ISO duration (PT15M)");
      }
    }
    if (every.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("the interval '" + text + "' is shorter than a second");
    }
    return every;
  }
}
