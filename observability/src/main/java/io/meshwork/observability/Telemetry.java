package io.meshwork.observability;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.HashMap;
import java.util.Map;

/**
 * The telemetry of one process: an OpenTelemetry SDK configured from the standard {@code OTEL_*}
 * environment variables and system properties, and the Micrometer registry that {@code /metrics}
 * exposes.
 *
 * <p>The SDK spec defaults every exporter to OTLP, which would make a fresh node try to send to
 * a collector nobody started. Meshwork defaults all three signals to {@code none} instead: spans
 * still get real trace ids (they appear in logs and problem+json bodies) but nothing leaves the
 * process until an operator sets e.g. {@code OTEL_TRACES_EXPORTER=otlp}.
 */
public final class Telemetry implements AutoCloseable {

  private final OpenTelemetrySdk sdk;
  private final PrometheusMeterRegistry meters;

  private Telemetry(OpenTelemetrySdk sdk, PrometheusMeterRegistry meters) {
    this.sdk = sdk;
    this.meters = meters;
  }

  /** Starts telemetry for a service; {@code OTEL_SERVICE_NAME} still overrides the name given. */
  public static Telemetry start(String serviceName) {
    OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesSupplier(() -> defaults(serviceName))
        .addTracerProviderCustomizer((tracers, config) -> tracers.addSpanProcessor(CorrelationOnly.INSTANCE))
        .disableShutdownHook()
        .build()
        .getOpenTelemetrySdk();
    return new Telemetry(sdk, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  private static Map<String, String> defaults(String serviceName) {
    Map<String, String> defaults = new HashMap<>();
    defaults.put("otel.traces.exporter", "none");
    defaults.put("otel.metrics.exporter", "none");
    defaults.put("otel.logs.exporter", "none");
    defaults.put("otel.service.name", serviceName);
    return defaults;
  }

  /**
   * With no exporter configured the SDK has no span processor, and a tracer without processors
   * hands out non-recording spans with no trace id. This processor does nothing with spans; it
   * only keeps them real, so trace ids exist for log lines and problem+json bodies.
   */
  private enum CorrelationOnly implements SpanProcessor {
    INSTANCE;

    @Override
    public void onStart(Context parent, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
      return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {}

    @Override
    public boolean isEndRequired() {
      return false;
    }
  }

  public OpenTelemetry openTelemetry() {
    return sdk;
  }

  public PrometheusMeterRegistry meters() {
    return meters;
  }

  /** The trace id of the span current on this thread or Vert.x context, or null outside any trace. */
  public static String currentTraceId() {
    var context = Span.current().getSpanContext();
    return context.isValid() ? context.getTraceId() : null;
  }

  @Override
  public void close() {
    sdk.close();
    meters.close();
  }
}
