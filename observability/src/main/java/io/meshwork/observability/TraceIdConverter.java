package io.meshwork.observability;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback {@code %traceId}: puts the current trace id on every log line, so a line can be found
 * from the trace id a client sees in an error body (and the other way round). Prints "-" outside
 * of any trace.
 */
public final class TraceIdConverter extends ClassicConverter {

  @Override
  public String convert(ILoggingEvent event) {
    String traceId = Telemetry.currentTraceId();
    return traceId == null ? "-" : traceId;
  }
}
