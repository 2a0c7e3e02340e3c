package io.meshwork.portal.tracing;

import io.meshwork.observability.TracingSdk;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The portal's OpenTelemetry SDK, configured by the standard {@code OTEL_*} variables exactly as
 * the node's is ({@link TracingSdk}): it exports nothing unless they say so, but it always makes
 * spans, so the trace context reaches the node.
 */
@Configuration
class TracingConfig {

    @Bean(destroyMethod = "close")
    OpenTelemetrySdk openTelemetry() {
        return TracingSdk.fromEnvironment("meshwork-portal");
    }

    @Bean
    TraceContextInterceptor traceContextInterceptor(OpenTelemetry openTelemetry) {
        return new TraceContextInterceptor(openTelemetry);
    }
}
