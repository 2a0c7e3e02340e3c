package io.meshwork.portal.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwork.portal.node.StubNode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

class TraceContextInterceptorTest {

    @Test
    void sendsTheW3cTraceContextOfANewClientSpan() {
        try (StubNode node = new StubNode().answer(200, "application/json", "{}");
                OpenTelemetrySdk openTelemetry = new TracingConfig().openTelemetry()) {
            RestClient client = RestClient.builder()
                    .requestInterceptor(new TraceContextInterceptor(openTelemetry))
                    .build();

            client.get().uri(node.url() + "/api/v1/products").retrieve().toBodilessEntity();

            // version 00, a trace id, the client span's id, flags with "sampled" set
            String traceparent = node.lastRequestHeader("traceparent");
            assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
            assertThat(Integer.parseInt(traceparent.substring(53), 16) & 1).isEqualTo(1);
        }
    }
}
