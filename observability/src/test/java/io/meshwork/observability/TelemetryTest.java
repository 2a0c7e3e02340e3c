package io.meshwork.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

class TelemetryTest {

  @Test
  void spansHaveTraceIdsEvenWithNoExporterConfigured() {
    try (Telemetry telemetry = Telemetry.start("telemetry-test")) {
      Span span = telemetry.openTelemetry().getTracer("test").spanBuilder("work").startSpan();
      try (Scope ignored = span.makeCurrent()) {
        assertThat(Telemetry.currentTraceId()).matches("[0-9a-f]{32}").isEqualTo(span.getSpanContext().getTraceId());
      } finally {
        span.end();
      }
      assertThat(Telemetry.currentTraceId()).isNull();
    }
  }

  @Test
  void metersRecordedThroughTheRegistryAreScrapedWithLowCardinalityStatusClasses() {
    try (Telemetry telemetry = Telemetry.start("telemetry-test")) {
      telemetry.registry().counter("vertx.http.server.requests", "route", "/api/*>/api/v1/query", "method", "POST", "code", "200").increment();
      telemetry.metrics().query("orders", true, java.time.Duration.ofMillis(12), 3);

      String scrape = telemetry.meters().scrape();
      assertThat(scrape).contains("vertx_http_server_requests_total{code=\"2xx\",method=\"POST\",route=\"/api/v1/query\"} 1.0")
          .contains("meshwork_query_rows_total{domain=\"orders\"} 3.0");
    }
  }
}
