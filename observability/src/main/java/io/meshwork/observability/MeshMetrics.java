package io.meshwork.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The mesh's own meters, one place for every service to record them, so names and labels stay
 * consistent and low-cardinality: labels are a domain (bounded, see {@link #MAX_LABEL_VALUES}) and
 * an outcome from a fixed set — never a user, a query text or a data value.
 *
 * <p>Prometheus names (after Micrometer's conversion): {@code meshwork_ingestion_rows_total{domain,outcome}},
 * {@code meshwork_ingestion_batches_total{domain,outcome}}, {@code meshwork_query_duration_seconds{domain,outcome}}
 * (histogram), {@code meshwork_query_rows_total{domain}}, {@code meshwork_access_decisions_total{outcome}},
 * {@code meshwork_quality_runs_total{domain,outcome}}, {@code meshwork_slo_status{domain,product}}.
 */
public final class MeshMetrics {

  /** Past this many distinct values a label reads {@value #OTHER}: a runaway label must not exhaust memory. */
  public static final int MAX_LABEL_VALUES = 500;
  public static final String OTHER = "_other";

  /** Outcomes of an ingested batch. */
  public enum BatchOutcome { COMMITTED, QUARANTINED, FAILED }

  /** Kinds of ingested rows. */
  public enum RowOutcome { VALID, QUARANTINED }

  /** SLO status of a product, as the {@code meshwork_slo_status} gauge reports it. */
  public enum SloLevel {
    OK(0), PENDING(1), BREACHED(2);

    private final int value;

    SloLevel(int value) {
      this.value = value;
    }

    public int value() {
      return value;
    }
  }

  private final MeterRegistry registry;
  private final Set<String> domains = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicInteger> sloGauges = new ConcurrentHashMap<>();

  public MeshMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Rows an ingestion batch wrote (valid) or set aside (quarantined). */
  public void ingestionRows(String domain, RowOutcome outcome, long rows) {
    if (rows > 0) {
      Counter.builder("meshwork.ingestion.rows").description("Rows ingested, by outcome")
          .tags("domain", domain(domain), "outcome", name(outcome)).register(registry).increment(rows);
    }
  }

  /** One ingestion batch ended. */
  public void batch(String domain, BatchOutcome outcome) {
    Counter.builder("meshwork.ingestion.batches").description("Ingestion batches, by outcome")
        .tags("domain", domain(domain), "outcome", name(outcome)).register(registry).increment();
  }

  /** One governed query (SQL, rows or file) answered, successfully or not, and the rows it served. */
  public void query(String domain, boolean ok, Duration duration, long rows) {
    Timer.builder("meshwork.query.duration").description("Governed query latency")
        .tags("domain", domain(domain), "outcome", ok ? "ok" : "error")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
        .register(registry).record(duration);
    if (rows > 0) {
      Counter.builder("meshwork.query.rows").description("Rows served to consumers")
          .tags("domain", domain(domain)).register(registry).increment(rows);
    }
  }

  /** One decision of the policy decision point on data access. */
  public void decision(boolean allowed) {
    Counter.builder("meshwork.access.decisions").description("Access decisions, allow or deny")
        .tags("outcome", allowed ? "allow" : "deny").register(registry).increment();
  }

  /** One run of a contract's quality rules (on a batch or the snapshot). */
  public void qualityRun(String domain, boolean passed) {
    Counter.builder("meshwork.quality.runs").description("Quality rule runs, by outcome")
        .tags("domain", domain(domain), "outcome", passed ? "passed" : "failed").register(registry).increment();
  }

  /**
   * The SLO status of a product. One gauge per product (products are registered, so bounded);
   * a product beyond {@link #MAX_LABEL_VALUES} is not given a gauge.
   */
  public void sloStatus(String domain, String product, SloLevel level) {
    AtomicInteger value = sloGauges.get(product);
    if (value == null) {
      if (sloGauges.size() >= MAX_LABEL_VALUES) {
        return;
      }
      value = sloGauges.computeIfAbsent(product, p -> {
        AtomicInteger holder = new AtomicInteger();
        Gauge.builder("meshwork.slo.status", holder, AtomicInteger::get)
            .description("SLO status per product: 0 ok, 1 pending, 2 breached")
            .tags("domain", domain(domain), "product", p).register(registry);
        return holder;
      });
    }
    value.set(level.value());
  }

  private String domain(String domain) {
    if (domain == null || domain.isBlank()) {
      return "none";
    }
    if (domains.contains(domain)) {
      return domain;
    }
    if (domains.size() >= MAX_LABEL_VALUES) {
      return OTHER;
    }
    domains.add(domain);
    return domain;
  }

  private static String name(Enum<?> value) {
    return value.name().toLowerCase(java.util.Locale.ROOT);
  }
}
