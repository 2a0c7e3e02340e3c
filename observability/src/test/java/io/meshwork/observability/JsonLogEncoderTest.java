package io.meshwork.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLogEncoderTest {

  private final LoggerContext logging = new LoggerContext();

  @Test
  void aLineInsideARequestCarriesItsTraceSpanPrincipalAndProduct() {
    var tracer = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(InMemorySpanExporter.create())).build().get("t");
    Span span = tracer.spanBuilder("GET /api/v1/products/:id").startSpan();
    JsonObject line;
    try (Scope ignored = span.makeCurrent()) {
      span.setAttribute(Spans.PRINCIPAL, "olivia");
      Spans.tagCurrent("orders", "orders-daily", null);
      line = encode(event("served 3 batches", Map.of()));
    } finally {
      span.end();
    }
    assertThat(line.getString("trace_id")).isEqualTo(span.getSpanContext().getTraceId());
    assertThat(line.getString("span_id")).isEqualTo(span.getSpanContext().getSpanId());
    assertThat(line.getString("principal")).isEqualTo("olivia");
    assertThat(line.getString("product")).isEqualTo("orders-daily");
    assertThat(line.getString("domain")).isEqualTo("orders");
    assertThat(line.containsKey("port")).isFalse();
    assertThat(line.getString("level")).isEqualTo("INFO");
    assertThat(line.getString("message")).isEqualTo("served 3 batches");
    assertThat(line.getString("time")).endsWith("Z");
  }

  @Test
  void outsideATraceTheMdcSuppliesTheCorrelation() {
    JsonObject line = encode(event("nightly retention", Map.of("principal", "scheduler", "product", "web-sessions")));
    assertThat(line.containsKey("trace_id")).isFalse();
    assertThat(line.getString("principal")).isEqualTo("scheduler");
    assertThat(line.getString("product")).isEqualTo("web-sessions");
  }

  @Test
  void errorsKeepTheirTypeAndStack() {
    LoggingEvent event = event("failed", Map.of());
    event.setThrowableProxy(new ch.qos.logback.classic.spi.ThrowableProxy(new IllegalStateException("boom")));
    JsonObject line = encode(event);
    assertThat(line.getJsonObject("error").getString("type")).isEqualTo(IllegalStateException.class.getName());
    assertThat(line.getJsonObject("error").getJsonArray("stack")).isNotEmpty();
  }

  private LoggingEvent event(String message, Map<String, String> mdc) {
    LoggingEvent event = new LoggingEvent("x", logging.getLogger("io.meshwork.test"), Level.INFO, message, null, null);
    event.setMDCPropertyMap(mdc);
    return event;
  }

  private JsonObject encode(LoggingEvent event) {
    JsonLogEncoder encoder = new JsonLogEncoder();
    encoder.setContext(logging);
    encoder.start();
    String text = new String(encoder.encode(event), StandardCharsets.UTF_8);
    assertThat(text).endsWith("\n").doesNotContain("\n\n");
    return new JsonObject(text);
  }
}
