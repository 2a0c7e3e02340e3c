package io.meshwork.portal.tracing;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;

/**
 * The OpenTelemetry SDK's in-memory exporter, selected like any exporter through the standard
 * configuration ({@code otel.traces.exporter=memory}). Every SDK of this JVM that is configured so
 * — the portal's and the node's — exports into the one {@link #EXPORTER}.
 */
public final class InMemorySpans implements ConfigurableSpanExporterProvider {

    public static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();

    @Override
    public SpanExporter createExporter(ConfigProperties config) {
        return new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                return EXPORTER.export(spans);
            }

            @Override
            public CompletableResultCode flush() {
                return EXPORTER.flush();
            }

            // an SDK shuts its exporter down when it closes; the shared one must outlive it
            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
    }

    @Override
    public String getName() {
        return "memory";
    }
}
