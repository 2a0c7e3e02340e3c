package io.meshwork.monitoring.telemetry;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import io.vertx.ext.web.Route;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SRE data behind {@code /api/v1/telemetry/*}: every {@code sample} period the node's meters
 * are sampled ({@link TelemetrySampler}) and stored with the recent errors
 * ({@link RecentErrors}); samples older than {@code retention} are deleted on the same pass.
 */
public final class TelemetryService {

  private static final Logger LOG = LoggerFactory.getLogger(TelemetryService.class);

  private final Vertx vertx;
  private final TelemetryStore store;
  private final TelemetrySampler sampler;
  private final RecentErrors errors;
  private final String node = "node-" + UUID.randomUUID().toString().substring(0, 8);
  private final String service;
  private final Duration period;
  private final Duration retention;
  private Instant lastSample = Instant.now();
  private long timer = -1;

  public TelemetryService(Vertx vertx, MongoDatabase database, MeterRegistry registry, Supplier<Map<String, Integer>> sloCounts,
      String service, Duration period, Duration retention, Supplier<List<Route>> routes) {
    this.errors = new RecentErrors(routes);
    this.vertx = vertx;
    this.store = new TelemetryStore(vertx, database);
    this.sampler = new TelemetrySampler(registry, sloCounts);
    this.service = service;
    this.period = period;
    this.retention = retention;
  }

  /** The router's first handler: notes 4xx/5xx answers. */
  public RecentErrors recentErrors() {
    return errors;
  }

  public void start() {
    sampler.sample(Instant.now(), period); // baseline: the first stored sample covers one period, not the whole uptime
    lastSample = Instant.now();
    timer = vertx.setPeriodic(period.toMillis(), id -> sampleNow().onFailure(err -> LOG.warn("telemetry sample not stored: {}", err.toString())));
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** Takes a sample now, stores it, and deletes samples past the retention. */
  public Future<Void> sampleNow() {
    Instant now = Instant.now();
    Duration interval = Duration.between(lastSample, now);
    lastSample = now;
    List<JsonObject> samples = new ArrayList<>(sampler.sample(now, interval.isZero() ? period : interval));
    errors.drain().forEach(e -> samples.add(e.put("kind", "error")));
    return store.insert(samples, node, service, now).compose(v -> store.deleteBefore(now.minus(retention))).mapEmpty();
  }

  public Duration retention() {
    return retention;
  }

  public Duration period() {
    return period;
  }

  /** RED series per route (and method): requests, rate/s, 4xx, 5xx, p50/p95/p99 in ms. */
  Future<JsonObject> red(String serviceName, String route, Instant from, Instant to) {
    List<Bson> where = new ArrayList<>();
    if (serviceName != null) {
      where.add(Filters.eq("service", serviceName));
    }
    if (route != null) {
      where.add(Filters.eq("route", route));
    }
    return store.read("red", from, to, where, TelemetryStore.MAX_READ, false).map(points -> {
      Map<String, JsonObject> series = new LinkedHashMap<>();
      for (JsonObject p : points) {
        String key = p.getString("route") + " " + p.getString("method");
        series.computeIfAbsent(key, k -> new JsonObject().put("service", p.getString("service")).put("route", p.getString("route"))
                .put("method", p.getString("method")).put("points", new JsonArray()))
            .getJsonArray("points").add(point(p, "route", "method", "service", "node"));
      }
      return window(from, to).put("series", new JsonArray(new ArrayList<>(series.values())));
    });
  }

  Future<JsonObject> ingestion(String domain, Instant from, Instant to) {
    List<Bson> where = domain == null ? List.of() : List.of(Filters.eq("domain", domain));
    return store.read("ingestion", from, to, where, TelemetryStore.MAX_READ, false)
        .map(points -> window(from, to).put("points", new JsonArray(points)));
  }

  Future<JsonObject> slo(Instant from, Instant to) {
    return store.read("slo", from, to, List.of(), TelemetryStore.MAX_READ, false)
        .map(points -> window(from, to).put("points", new JsonArray(points)));
  }

  Future<JsonObject> errors(String statusClass, Instant from, Instant to, int limit) {
    // the errors not yet stored are the most recent: include them first
    List<JsonObject> unsaved = errors.peek().stream().filter(e -> matches(e, statusClass)).toList();
    return store.read("error", from, to, List.of(), TelemetryStore.MAX_READ, true).map(stored -> {
      JsonArray items = new JsonArray();
      for (int i = unsaved.size() - 1; i >= 0 && items.size() < limit; i--) {
        items.add(unsaved.get(i).copy().put("node", node).put("service", service));
      }
      stored.stream().filter(e -> matches(e, statusClass)).limit(Math.max(0, limit - items.size())).forEach(items::add);
      return window(from, to).put("items", items);
    });
  }

  /** This node now, and its recent health samples. */
  Future<JsonObject> health(Instant from, Instant to) {
    JsonObject now = sampler.health(Instant.now()).put("node", node).put("service", service).put("at", Instant.now().toString());
    now.remove("kind");
    return store.read("health", from, to, List.of(), TelemetryStore.MAX_READ, false)
        .map(points -> window(from, to).put("status", "up").put("current", now).put("points", new JsonArray(points))
            .put("sampling", new JsonObject().put("periodSeconds", period.toSeconds()).put("retentionHours", retention.toHours())));
  }

  private static boolean matches(JsonObject error, String statusClass) {
    return statusClass == null || String.valueOf(error.getInteger("status")).startsWith(statusClass.substring(0, 1));
  }

  private static JsonObject point(JsonObject sample, String... drop) {
    JsonObject p = sample.copy();
    for (String field : drop) {
      p.remove(field);
    }
    return p;
  }

  private static JsonObject window(Instant from, Instant to) {
    return new JsonObject().put("from", from.toString()).put("to", to.toString());
  }
}
