package io.meshwork.observability;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.OpenTelemetrySdk;

/**
 * The telemetry of a mesh node: the OpenTelemetry SDK ({@link TracingSdk}) and the Micrometer
 * registry that {@code /metrics} exposes.
 */
public final class Telemetry implements AutoCloseable {

  private final OpenTelemetrySdk sdk;
  private final PrometheusMeterRegistry meters;

  private Telemetry(OpenTelemetrySdk sdk, PrometheusMeterRegistry meters) {
    this.sdk = sdk;
    this.meters = meters;
  }

  public static Telemetry start(String serviceName) {
    return new Telemetry(TracingSdk.fromEnvironment(serviceName), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
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
