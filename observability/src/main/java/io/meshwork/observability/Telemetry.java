package io.meshwork.observability;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.Meter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.time.Duration;

/**
 * The telemetry of a mesh node: the OpenTelemetry SDK ({@link TracingSdk}), the Micrometer
 * registry that {@code /metrics} exposes, and — when {@code OTEL_EXPORTER_OTLP_ENDPOINT} is set —
 * an OTLP registry pushing the same meters to the operator's collector. Meters are recorded in
 * {@link #registry()}, which feeds both.
 */
public final class Telemetry implements AutoCloseable {

  /** Vert.x's HTTP server latency meter: histogram buckets for Prometheus and the SRE samples. */
  static final String HTTP_SERVER_TIME = "vertx.http.server.response.time";

  private final OpenTelemetrySdk sdk;
  private final PrometheusMeterRegistry prometheus;
  private final OtlpMeterRegistry otlp;
  private final MeterRegistry registry;
  private final MeshMetrics metrics;
  private final Spans spans;

  private Telemetry(OpenTelemetrySdk sdk, PrometheusMeterRegistry prometheus, OtlpMeterRegistry otlp) {
    this.sdk = sdk;
    this.prometheus = prometheus;
    this.otlp = otlp;
    configure(prometheus);
    if (otlp == null) {
      // one registry: every request's meter look-ups and recordings go straight to it (a composite
      // of one child doubles both; ObservabilityOverheadBenchmark)
      this.registry = prometheus;
    } else {
      configure(otlp);
      CompositeMeterRegistry both = new CompositeMeterRegistry();
      both.add(prometheus);
      both.add(otlp);
      configure(both);
      this.registry = both;
    }
    this.metrics = new MeshMetrics(registry);
    this.spans = new Spans(sdk);
  }

  public static Telemetry start(String serviceName) {
    // the OTLP registry reads OTEL_EXPORTER_OTLP_(METRICS_)ENDPOINT, OTEL_SERVICE_NAME and
    // OTEL_RESOURCE_ATTRIBUTES itself
    OtlpMeterRegistry otlp = TracingSdk.otlpEndpointSet() ? new OtlpMeterRegistry(key -> null, Clock.SYSTEM) : null;
    return new Telemetry(TracingSdk.fromEnvironment(serviceName), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), otlp);
  }

  public OpenTelemetry openTelemetry() {
    return sdk;
  }

  /** The Prometheus registry, for the {@code /metrics} scrape handler. */
  public PrometheusMeterRegistry meters() {
    return prometheus;
  }

  /** Where meters are recorded (Prometheus and, when configured, OTLP). */
  public MeterRegistry registry() {
    return registry;
  }

  /** The mesh's own meters (ingestion, queries, decisions, quality, SLOs). */
  public MeshMetrics metrics() {
    return metrics;
  }

  /** Spans for DuckDB calls and other work Vert.x does not trace. */
  public Spans spans() {
    return spans;
  }

  /** The trace id of the span current on this thread or Vert.x context, or null outside any trace. */
  public static String currentTraceId() {
    var context = Span.current().getSpanContext();
    return context.isValid() ? context.getTraceId() : null;
  }

  /**
   * Low cardinality and useful distributions: HTTP status codes become their class (2xx, 4xx…),
   * the HTTP latency timer gets histogram buckets (Prometheus {@code histogram_quantile}; the SRE
   * telemetry sampler computes interval percentiles from the same buckets).
   */
  private static void configure(MeterRegistry registry) {
    registry.config()
        .meterFilter(MeterFilter.replaceTagValues("code", code -> code.length() == 3 ? code.charAt(0) + "xx" : code))
        // Vert.x Web reports every route a request passed ("/api/*>/api/v1/slo"): the last is the template that served it
        .meterFilter(MeterFilter.replaceTagValues("route", route -> route.substring(route.lastIndexOf('>') + 1)))
        .meterFilter(new MeterFilter() {
          @Override
          public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
            if (!id.getName().equals(HTTP_SERVER_TIME)) {
              return config;
            }
            return DistributionStatisticConfig.builder()
                .percentilesHistogram(true)
                .minimumExpectedValue((double) Duration.ofMillis(1).toNanos())
                .maximumExpectedValue((double) Duration.ofSeconds(30).toNanos())
                .build()
                .merge(config);
          }
        });
  }

  @Override
  public void close() {
    if (registry != prometheus) {
      registry.close();
    }
    prometheus.close();
    if (otlp != null) {
      otlp.close();
    }
    sdk.close();
  }
}
