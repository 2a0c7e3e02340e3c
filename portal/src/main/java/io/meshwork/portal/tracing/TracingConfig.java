package io.meshwork.portal.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The portal's OpenTelemetry SDK, configured by the standard {@code OTEL_*} variables. It exports
 * nothing unless they say so, but it always makes spans, so the trace context reaches the node.
 */
@Configuration
class TracingConfig {

    /**
     * An SDK whose only span processor is the no-op one (no exporter configured) makes no spans at
     * all, and then sends no {@code traceparent}. This processor does nothing but keep spans coming.
     */
    private static final SpanProcessor KEEP_MAKING_SPANS = new SpanProcessor() {
        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {
        }

        @Override
        public boolean isStartRequired() {
            return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {
        }

        @Override
        public boolean isEndRequired() {
            return false;
        }
    };

    @Bean(destroyMethod = "close")
    OpenTelemetrySdk openTelemetry() {
        return AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> Map.of(
                        "otel.service.name", "meshwork-portal",
                        "otel.traces.exporter", "none",
                        "otel.metrics.exporter", "none",
                        "otel.logs.exporter", "none"))
                .addTracerProviderCustomizer((tracerProvider, config) -> tracerProvider.addSpanProcessor(KEEP_MAKING_SPANS))
                .build()
                .getOpenTelemetrySdk();
    }

    @Bean
    TraceContextInterceptor traceContextInterceptor(OpenTelemetry openTelemetry) {
        return new TraceContextInterceptor(openTelemetry);
    }
}
