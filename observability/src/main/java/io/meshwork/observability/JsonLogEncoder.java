package io.meshwork.observability;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.encoder.EncoderBase;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * One JSON object per log line (selected with {@code MESHWORK_LOG_FORMAT=json}): time, level,
 * logger, thread, message, and the correlation a log platform joins on — {@code trace_id},
 * {@code span_id}, and the {@code principal}, {@code product}, {@code port} and {@code domain} that
 * the current request's span names (see {@link Spans#tagCurrent}), or the same keys of the MDC on
 * threads outside Vert.x. Messages are written as the code logged them: the code logs ids and
 * counts, never data values or secrets.
 */
public final class JsonLogEncoder extends EncoderBase<ILoggingEvent> {

  private static final byte[] NOTHING = new byte[0];
  private static final Map<String, AttributeKey<String>> FROM_SPAN = Map.of(
      "principal", Spans.PRINCIPAL, "product", Spans.PRODUCT, "port", Spans.PORT, "domain", Spans.DOMAIN);

  @Override
  public byte[] headerBytes() {
    return NOTHING;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    JsonObject line = new JsonObject()
        .put("time", Instant.ofEpochMilli(event.getTimeStamp()).toString())
        .put("level", event.getLevel().toString())
        .put("logger", event.getLoggerName())
        .put("thread", event.getThreadName())
        .put("message", event.getFormattedMessage());
    Map<String, String> mdc = event.getMDCPropertyMap();
    Span span = Span.current();
    SpanContext context = span.getSpanContext();
    if (context.isValid()) {
      line.put("trace_id", context.getTraceId()).put("span_id", context.getSpanId());
    } else {
      putIfPresent(line, "trace_id", mdc.get("trace_id"));
      putIfPresent(line, "span_id", mdc.get("span_id"));
    }
    FROM_SPAN.forEach((field, key) -> {
      String value = span instanceof ReadableSpan readable ? readable.getAttribute(key) : null;
      putIfPresent(line, field, value != null ? value : mdc.get(field));
    });
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      line.put("error", error(thrown));
    }
    return (line.encode() + "\n").getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public byte[] footerBytes() {
    return NOTHING;
  }

  private static JsonObject error(IThrowableProxy thrown) {
    JsonArray frames = new JsonArray();
    for (StackTraceElementProxy frame : thrown.getStackTraceElementProxyArray()) {
      frames.add(frame.getSTEAsString());
    }
    JsonObject error = new JsonObject().put("type", thrown.getClassName()).put("message", thrown.getMessage()).put("stack", frames);
    if (thrown.getCause() != null) {
      error.put("cause", error(thrown.getCause()));
    }
    return error;
  }

  private static void putIfPresent(JsonObject line, String field, String value) {
    if (value != null && !value.isEmpty()) {
      line.put(field, value);
    }
  }
}
