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
 * {@code traceparent}) but nothing leaves the process until an operator sets
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} (spans then go there over OTLP/HTTP) or e.g.
 * {@code OTEL_TRACES_EXPORTER=otlp}.
 */
public final class TracingSdk {

  private TracingSdk() {}

  /** {@code OTEL_SERVICE_NAME} still overrides the name given. */
  public static OpenTelemetrySdk fromEnvironment(String serviceName) {
    return AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesSupplier(() -> Map.of(
            "otel.service.name", serviceName,
            "otel.traces.exporter", otlpEndpointSet() ? "otlp" : "none",
            // metrics leave through Micrometer's OTLP registry (Telemetry), logs as JSON lines
            "otel.metrics.exporter", "none",
            "otel.logs.exporter", "none",
            // one collector port (4318) for traces and Micrometer's metrics alike
            "otel.exporter.otlp.protocol", "http/protobuf"))
        .addTracerProviderCustomizer((tracers, config) -> tracers.addSpanProcessor(CorrelationOnly.INSTANCE))
        .disableShutdownHook()
        .build()
        .getOpenTelemetrySdk();
  }

  /**
   * Whether an operator named a collector ({@code OTEL_EXPORTER_OTLP_ENDPOINT}, or the traces-only
   * variant, or their system properties): then spans are exported there without also having to set
   * {@code OTEL_TRACES_EXPORTER=otlp}.
   */
  public static boolean otlpEndpointSet() {
    return present(System.getenv("OTEL_EXPORTER_OTLP_ENDPOINT")) || present(System.getenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"))
        || present(System.getProperty("otel.exporter.otlp.endpoint")) || present(System.getProperty("otel.exporter.otlp.traces.endpoint"));
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
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
