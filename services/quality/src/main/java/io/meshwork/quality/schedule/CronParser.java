package io.meshwork.quality.schedule;

import java.time.ZonedDateTime;
import java.util.function.Predicate;

/**
 * Reads a cron expression into the instants it fires at. The node passes the data plane's cron
 * (the one pipelines use), so a contract's {@code scheduler: cron} reads exactly like a pipeline's
 * schedule; quality cannot depend on the data plane, which depends on it.
 */
@FunctionalInterface
public interface CronParser {

  /** Parses {@code expression}. @throws IllegalArgumentException saying what is wrong */
  Predicate<ZonedDateTime> parse(String expression);

  /** On a node without cron: {@code scheduler: cron} rules are reported unschedulable. */
  CronParser NONE = expression -> {
    throw new IllegalArgumentException("this node cannot read cron schedules");
  };
}
