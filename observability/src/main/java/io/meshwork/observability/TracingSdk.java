package io.meshwork.observability;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.Map;

/**
 * The OpenTelemetry SDK of a Meshwork process (node or portal), configured from the standard
 * {@code OTEL_*} environment variables and system properties. Depends on OpenTelemetry alone, so
 * the portal uses it without pulling in Vert.x.
 *
 * <p>The SDK spec defaults every exporter to OTLP, which would make a fresh process try to send
 * to a collector nobody started. Meshwork defaults all three signals to {@code none} instead:
 * spans still get real trace ids (they appear in logs and problem+json bodies, and travel in
 * {@code traceparent}) but nothing leaves the process until an operator sets e.g.
 * {@code OTEL_TRACES_EXPORTER=otlp}.
 */
public final class TracingSdk {

  private TracingSdk() {}

  /** {@code OTEL_SERVICE_NAME} still overrides the name given. */
  public static OpenTelemetrySdk fromEnvironment(String serviceName) {
    return AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesSupplier(() -> Map.of(
            "otel.service.name", serviceName,
            "otel.traces.exporter", "none",
            "otel.metrics.exporter", "none",
            "otel.logs.exporter", "none"))
        .addTracerProviderCustomizer((tracers, config) -> tracers.addSpanProcessor(CorrelationOnly.INSTANCE))
        .disableShutdownHook()
        .build()
        .getOpenTelemetrySdk();
  }

  /**
   * With no exporter configured the SDK has no span processor, and a tracer without processors
   * hands out non-recording spans with no trace id (and sends no {@code traceparent}). This
   * processor does nothing with spans; it only keeps them real.
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
}
