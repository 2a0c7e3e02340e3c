package io.meshwork.bench.observability;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;

/** {@code otel.traces.exporter=drop}: takes every span the batch processor hands over and drops it (export minus the network). */
public final class DroppingSpanExporter implements ConfigurableSpanExporterProvider, SpanExporter {

  static final String NAME = "drop";
  static final LongAdder EXPORTED = new LongAdder();

  @Override
  public SpanExporter createExporter(ConfigProperties config) {
    return this;
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    EXPORTED.add(spans.size());
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }
}
