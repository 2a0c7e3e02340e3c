package io.meshwork.quality.schedule;

import io.meshwork.model.contract.QualityRule;
import io.meshwork.model.error.NotFoundException;
import io.meshwork.quality.QualityEngine;
import io.meshwork.quality.run.QualityRuns;
import io.meshwork.quality.run.QualityTargets;
import io.meshwork.runtime.events.EventLog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the rules that carry a schedule ({@link RuleSchedule}) over their port's snapshot, on the
 * node that serves the product's domain. Every {@code tick} it checks, in memory, which schedules
 * are due; a due schedule runs all rules of its port in one pass (so the port's latest run stays
 * complete), recorded with {@code trigger: schedule} and announced as {@code quality.failed} when an
 * error rule fails. The plan (which ports have which schedules) is read from the catalog at start,
 * after every product or contract event and every {@link #REPLAN}; a port still running is not
 * started again.
 */
public final class QualityScheduler {

  /** How often the plan is read again even without a catalog event (changes made on other nodes). */
  static final Duration REPLAN = Duration.ofMinutes(5);
  private static final Logger LOG = LoggerFactory.getLogger(QualityScheduler.class);

  /** One scheduled rule of a port, with what the scheduler remembers of it. */
  static final class Entry {
    final String productId;
    final String port;
    final String rule;
    final RuleSchedule schedule;
    Instant checkedUntil;
    Instant lastRun;

    Entry(String productId, String port, String rule, RuleSchedule schedule, Instant now) {
      this.productId = productId;
      this.port = port;
      this.rule = rule;
      this.schedule = schedule;
      this.checkedUntil = now;
      this.lastRun = now;
    }

    String key() {
      return productId + "/" + port + "/" + rule + "/" + schedule.text();
    }

    String portKey() {
      return productId + "/" + port;
    }
  }

  private final Vertx vertx;
  private final QualityTargets targets;
  private final QualityRuns runs;
  private final Predicate<String> servesDomain;
  private final CronParser cron;
  private final Duration tick;
  private final Clock clock;
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final Set<String> reported = ConcurrentHashMap.newKeySet();
  // the timer, the event consumer and the catalog's answers may complete on different threads
  private volatile List<Entry> plan = List.of();
  private volatile boolean stale = true;
  private volatile boolean planning;
  private volatile Instant plannedAt = Instant.EPOCH;
  private long timer = -1;
  private MessageConsumer<JsonObject> consumer;

  public QualityScheduler(Vertx vertx, QualityTargets targets, QualityRuns runs, Predicate<String> servesDomain, CronParser cron,
      Duration tick, Clock clock) {
    if (tick.isNegative() || tick.isZero()) {
      throw new IllegalArgumentException("the quality schedule tick must be positive");
    }
    this.vertx = vertx;
    this.targets = targets;
    this.runs = runs;
    this.servesDomain = servesDomain;
    this.cron = cron;
    this.tick = tick;
    this.clock = clock;
  }

  public void start() {
    consumer = vertx.eventBus().consumer(EventLog.ADDRESS, message -> {
      String type = message.body() == null ? null : message.body().getString("type", "");
      if (type != null && (type.startsWith("io.meshwork.dataproduct.") || type.startsWith("io.meshwork.contract."))) {
        stale = true;
      }
    });
    timer = vertx.setPeriodic(tick.toMillis(), id -> tick());
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    if (consumer != null) {
      consumer.unregister();
    }
  }

  /** The scheduled rules this node runs now, for tests and diagnostics. */
  public List<String> planned() {
    return plan.stream().map(Entry::key).toList();
  }

  void tick() {
    Instant now = clock.instant();
    if ((stale || now.isAfter(plannedAt.plus(REPLAN))) && !planning) {
      planning = true;
      stale = false;
      replan(now).onComplete(done -> planning = false);
    }
    Set<String> due = new LinkedHashSet<>();
    Map<String, List<Entry>> byPort = new HashMap<>();
    for (Entry e : plan) {
      byPort.computeIfAbsent(e.portKey(), k -> new ArrayList<>()).add(e);
      if (!running.contains(e.portKey()) && e.schedule.due(e.checkedUntil, e.lastRun, now)) {
        due.add(e.portKey());
      }
      e.checkedUntil = now;
    }
    for (String portKey : due) {
      List<Entry> entries = byPort.get(portKey);
      entries.forEach(e -> e.lastRun = now);
      Entry first = entries.get(0);
      running.add(portKey);
      runs.runScheduled(first.productId, first.port)
          .onFailure(err -> {
            if (err instanceof NotFoundException) {
              LOG.debug("scheduled quality run of {} skipped: {}", portKey, err.getMessage());
            } else {
              LOG.warn("scheduled quality run of {} failed: {}", portKey, err.toString());
            }
          })
          .onComplete(done -> running.remove(portKey));
    }
  }

  /** Reads the scheduled rules of every product whose domain this node serves; keeps what it knew of unchanged ones. */
  private Future<Void> replan(Instant now) {
    return targets.all().map(products -> {
      Map<String, Entry> previous = new HashMap<>();
      plan.forEach(e -> previous.put(e.key(), e));
      List<Entry> next = new ArrayList<>();
      for (QualityTargets.ProductTarget product : products) {
        if (!servesDomain.test(product.domain())) {
          continue;
        }
        for (QualityTargets.PortTarget port : product.ports()) {
          for (QualityRule rule : QualityEngine.rulesOf(port.object())) {
            schedule(product.productId(), port.port(), rule).ifPresent(s -> {
              Entry fresh = new Entry(product.productId(), port.port(), ruleName(rule), s, now);
              next.add(previous.getOrDefault(fresh.key(), fresh));
            });
          }
        }
      }
      plan = List.copyOf(next);
      plannedAt = now;
      return (Void) null;
    }).onFailure(err -> {
      stale = true;
      LOG.warn("could not read the quality schedules: {}", err.toString());
    });
  }

  private Optional<RuleSchedule> schedule(String productId, String port, QualityRule rule) {
    try {
      return RuleSchedule.of(rule, cron);
    } catch (IllegalArgumentException e) {
      String key = productId + "/" + port + "/" + ruleName(rule) + ": " + e.getMessage();
      if (reported.add(key)) {
        LOG.warn("quality rule {} of {}/{} is not scheduled: {}", ruleName(rule), productId, port, e.getMessage());
      }
      return Optional.empty();
    }
  }

  /**
   * The schedules a product's rules declare, as the product's quality page lists them: port, rule
   * and schedule, or the reason Meshwork cannot read it. Rules left to another scheduler are not listed.
   */
  public static JsonArray declared(QualityTargets.ProductTarget product, CronParser cron) {
    JsonArray schedules = new JsonArray();
    for (QualityTargets.PortTarget port : product.ports()) {
      for (QualityRule rule : QualityEngine.rulesOf(port.object())) {
        JsonObject entry = new JsonObject().put("port", port.port()).put("rule", ruleName(rule));
        try {
          RuleSchedule.of(rule, cron).ifPresent(s -> schedules.add(entry.put("schedule", s.text())));
        } catch (IllegalArgumentException e) {
          schedules.add(entry.put("problem", e.getMessage()));
        }
      }
    }
    return schedules;
  }

  private static String ruleName(QualityRule rule) {
    if (rule.name() != null && !rule.name().isBlank()) {
      return rule.name();
    }
    return (rule.property() == null ? "" : rule.property() + " ") + (rule.metric() != null ? rule.metric() : rule.type());
  }
}
