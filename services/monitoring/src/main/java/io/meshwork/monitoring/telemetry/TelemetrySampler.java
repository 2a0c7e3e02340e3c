package io.meshwork.monitoring.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Turns the node's cumulative meters into interval samples: what happened since the previous
 * sample (requests, errors, latency percentiles per route; rows and batches per domain), plus the
 * node's health now. The SRE dashboards chart these; Prometheus users can use {@code /metrics}
 * directly instead.
 *
 * <p>Latency percentiles are computed per interval from the histogram buckets' deltas, summed
 * over status classes, with linear interpolation inside a bucket — the same estimate
 * Prometheus's {@code histogram_quantile} makes, not a decaying client-side window.
 */
final class TelemetrySampler {

  static final String HTTP_REQUESTS = "vertx.http.server.requests";
  static final String HTTP_TIME = "vertx.http.server.response.time";

  private final MeterRegistry registry;
  private final Supplier<Map<String, Integer>> sloCounts;
  private final Instant startedAt = Instant.now();
  private final Map<Meter.Id, Double> previousCounts = new HashMap<>();
  private final Map<Meter.Id, double[]> previousBuckets = new HashMap<>();

  TelemetrySampler(MeterRegistry registry, Supplier<Map<String, Integer>> sloCounts) {
    this.registry = registry;
    this.sloCounts = sloCounts;
  }

  /** Everything sampled at {@code now} over the last {@code interval}; kinds red, ingestion, slo, health. */
  synchronized List<JsonObject> sample(Instant now, Duration interval) {
    List<JsonObject> samples = new ArrayList<>();
    double seconds = Math.max(1, interval.toMillis() / 1000.0);
    samples.addAll(red(seconds));
    samples.addAll(ingestion(seconds));
    samples.add(new JsonObject().put("kind", "slo").put("products", new JsonObject(new HashMap<>(sloCounts.get()))));
    samples.add(health(now));
    return samples;
  }

  private List<JsonObject> red(double seconds) {
    Map<String, long[]> byRoute = new TreeMap<>(); // route|method -> requests, 4xx, 5xx
    for (Counter counter : registry.find(HTTP_REQUESTS).counters()) {
      String key = routeKey(counter.getId());
      long delta = Math.round(delta(counter.getId(), counter.count()));
      long[] c = byRoute.computeIfAbsent(key, k -> new long[3]);
      c[0] += delta;
      String code = counter.getId().getTag("code");
      if (code != null && code.startsWith("4")) {
        c[1] += delta;
      } else if (code != null && code.startsWith("5")) {
        c[2] += delta;
      }
    }
    Map<String, TreeMap<Double, Double>> buckets = new HashMap<>();
    for (Timer timer : registry.find(HTTP_TIME).timers()) {
      CountAtBucket[] counts = timer.takeSnapshot().histogramCounts();
      double[] previous = previousBuckets.get(timer.getId());
      double[] current = new double[counts.length];
      TreeMap<Double, Double> merged = buckets.computeIfAbsent(routeKey(timer.getId()), k -> new TreeMap<>());
      for (int i = 0; i < counts.length; i++) {
        current[i] = counts[i].count();
        double d = current[i] - (previous != null && previous.length == counts.length ? previous[i] : 0);
        merged.merge(counts[i].bucket(java.util.concurrent.TimeUnit.SECONDS), d, Double::sum);
      }
      previousBuckets.put(timer.getId(), current);
    }
    List<JsonObject> samples = new ArrayList<>();
    byRoute.forEach((key, c) -> {
      if (c[0] == 0) {
        return; // idle routes are not stored: the collection grows with traffic, not with the API's size
      }
      int bar = key.indexOf('|');
      JsonObject sample = new JsonObject().put("kind", "red").put("route", key.substring(0, bar)).put("method", key.substring(bar + 1))
          .put("requests", c[0]).put("rate", c[0] / seconds).put("clientErrors", c[1]).put("errors", c[2]);
      TreeMap<Double, Double> cumulative = buckets.get(key);
      if (cumulative != null) {
        putPercentile(sample, "p50", cumulative, 0.5);
        putPercentile(sample, "p95", cumulative, 0.95);
        putPercentile(sample, "p99", cumulative, 0.99);
      }
      samples.add(sample);
    });
    return samples;
  }

  private List<JsonObject> ingestion(double seconds) {
    Map<String, JsonObject> byDomain = new TreeMap<>();
    for (Counter counter : registry.find("meshwork.ingestion.rows").counters()) {
      String outcome = counter.getId().getTag("outcome");
      double delta = delta(counter.getId(), counter.count());
      byDomain.computeIfAbsent(counter.getId().getTag("domain"), TelemetrySampler::emptyIngestion)
          .put("valid".equals(outcome) ? "rowsValid" : "rowsQuarantined", Math.round(delta));
    }
    for (Counter counter : registry.find("meshwork.ingestion.batches").counters()) {
      JsonObject sample = byDomain.computeIfAbsent(counter.getId().getTag("domain"), TelemetrySampler::emptyIngestion);
      JsonObject batches = sample.getJsonObject("batches");
      batches.put(counter.getId().getTag("outcome"), batches.getLong(counter.getId().getTag("outcome"), 0L) + Math.round(delta(counter.getId(), counter.count())));
    }
    List<JsonObject> samples = new ArrayList<>();
    byDomain.values().forEach(s -> {
      long rows = s.getLong("rowsValid") + s.getLong("rowsQuarantined");
      long batches = s.getJsonObject("batches").stream().mapToLong(e -> ((Number) e.getValue()).longValue()).sum();
      if (rows > 0 || batches > 0) {
        samples.add(s.put("rowsPerSecond", s.getLong("rowsValid") / seconds));
      }
    });
    return samples;
  }

  private static JsonObject emptyIngestion(String domain) {
    return new JsonObject().put("kind", "ingestion").put("domain", domain).put("rowsValid", 0L).put("rowsQuarantined", 0L)
        .put("batches", new JsonObject());
  }

  /** The node's health now, from the JVM and event-loop meters. */
  JsonObject health(Instant now) {
    double heapUsed = sum("jvm.memory.used", "area", "heap");
    double heapMax = sum("jvm.memory.max", "area", "heap");
    JsonObject health = new JsonObject().put("kind", "health")
        .put("uptimeSeconds", Duration.between(startedAt, now).toSeconds())
        .put("heapUsedBytes", (long) heapUsed)
        .put("eventLoopLagMs", gauge("meshwork.eventloop.lag") * 1000)
        .put("liveThreads", (long) gauge("jvm.threads.live"))
        .put("processCpu", gauge("process.cpu.usage"));
    if (heapMax > 0) {
      health.put("heapMaxBytes", (long) heapMax).put("heapUsedRatio", heapUsed / heapMax);
    }
    Runtime runtime = Runtime.getRuntime();
    if (heapUsed == 0) {
      health.put("heapUsedBytes", runtime.totalMemory() - runtime.freeMemory()).put("heapMaxBytes", runtime.maxMemory());
    }
    return health;
  }

  private double delta(Meter.Id id, double count) {
    Double previous = previousCounts.put(id, count);
    return previous == null ? count : Math.max(0, count - previous);
  }

  private static String routeKey(Meter.Id id) {
    String route = id.getTag("route");
    return (route == null ? "" : route) + "|" + id.getTag("method");
  }

  private double sum(String name, String tag, String value) {
    return registry.find(name).tag(tag, value).gauges().stream().mapToDouble(Gauge::value).filter(v -> v > 0).sum();
  }

  private double gauge(String name) {
    Gauge gauge = registry.find(name).gauge();
    double value = gauge == null ? 0 : gauge.value();
    return Double.isNaN(value) ? 0 : value;
  }

  /** Percentile from cumulative bucket counts (upper bound → count ≤ bound), interpolated inside the bucket. */
  private static void putPercentile(JsonObject sample, String field, TreeMap<Double, Double> cumulative, double q) {
    double total = cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
    if (total <= 0) {
      return;
    }
    double rank = q * total;
    double lowerBound = 0;
    double lowerCount = 0;
    for (var bucket : cumulative.entrySet()) {
      if (bucket.getValue() >= rank) {
        double width = bucket.getKey() - lowerBound;
        double inBucket = bucket.getValue() - lowerCount;
        double seconds = inBucket <= 0 || Double.isInfinite(width) ? bucket.getKey() : lowerBound + width * (rank - lowerCount) / inBucket;
        sample.put(field, seconds * 1000);
        return;
      }
      lowerBound = bucket.getKey();
      lowerCount = bucket.getValue();
    }
    sample.put(field, lowerBound * 1000);
  }
}
