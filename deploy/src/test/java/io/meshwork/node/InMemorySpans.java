package io.meshwork.node;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * The OpenTelemetry SDK's in-memory exporter, selectable like any exporter through the standard
 * configuration ({@code otel.traces.exporter=memory}): a test starts a real node with it and reads
 * the spans the node exported, through the same autoconfiguration an operator's OTLP setup uses.
 */
public final class InMemorySpans implements ConfigurableSpanExporterProvider {

  public static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();

  @Override
  public SpanExporter createExporter(ConfigProperties config) {
    return new SpanExporter() {
      // the SDK shuts its exporter down with the node; the shared one must outlive it
      @Override
      public io.opentelemetry.sdk.common.CompletableResultCode export(java.util.Collection<io.opentelemetry.sdk.trace.data.SpanData> spans) {
        return EXPORTER.export(spans);
      }

      @Override
      public io.opentelemetry.sdk.common.CompletableResultCode flush() {
        return EXPORTER.flush();
      }

      @Override
      public io.opentelemetry.sdk.common.CompletableResultCode shutdown() {
        return io.opentelemetry.sdk.common.CompletableResultCode.ofSuccess();
      }
    };
  }

  @Override
  public String getName() {
    return "memory";
  }
}
