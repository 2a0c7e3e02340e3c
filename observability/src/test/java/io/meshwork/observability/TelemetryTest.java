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
}
