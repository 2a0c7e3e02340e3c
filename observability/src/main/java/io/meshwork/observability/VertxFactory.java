package io.meshwork.observability;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.tracing.opentelemetry.OpenTelemetryOptions;
import io.vertx.tracing.opentelemetry.OpenTelemetryTracingFactory;
import java.util.EnumSet;

/**
 * Builds the one {@link Vertx} of a process with tracing and metrics configured once, so that
 * every HTTP server and client created from it is traced (W3C trace context in and out) and
 * measured (RED per route) without any code in the services. Labels: method, route template
 * (the matched Vert.x Web route, e.g. {@code /api/v1/products/:id} — never the raw path) and the
 * status class (see {@link Telemetry}); event-bus messages propagate the W3C trace context (the
 * default {@code PROPAGATE} policy of event-bus deliveries).
 */
public final class VertxFactory {

  private VertxFactory() {}

  public static Vertx create(Telemetry telemetry) {
    var metrics = new MicrometerMetricsOptions()
        .setEnabled(true)
        // Vert.x keeps one backend registry per name for the whole JVM: under the default name a
        // second Vert.x in the same process (two nodes in one test, or a benchmark's set-ups)
        // would record into the first one's registry and leave its own /metrics without HTTP meters
        .setRegistryName("meshwork-" + java.util.UUID.randomUUID())
        .setJvmMetricsEnabled(true)
        .setLabels(EnumSet.of(Label.HTTP_METHOD, Label.HTTP_CODE, Label.HTTP_ROUTE, Label.POOL_TYPE, Label.POOL_NAME));
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(metrics).setTracingOptions(new OpenTelemetryOptions()))
        .withMetrics(new MicrometerMetricsFactory(telemetry.registry()))
        .withTracer(new OpenTelemetryTracingFactory(telemetry.openTelemetry()))
        .build();
    EventLoopProbe.start(vertx, telemetry.registry());
    return vertx;
  }
}
