package io.meshwork.portal.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * One CLIENT span per outgoing call, its context sent along in the request headers ({@code traceparent},
 * W3C trace context, unless {@code OTEL_PROPAGATORS} says otherwise), so the node's spans join the trace.
 */
public final class TraceContextInterceptor implements ClientHttpRequestInterceptor {

    private static final TextMapSetter<HttpHeaders> HEADERS = (headers, name, value) -> headers.set(name, value);

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    public TraceContextInterceptor(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("io.meshwork.portal");
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        String method = request.getMethod().name();
        Span span = tracer.spanBuilder(method)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("http.request.method", method)
                .setAttribute("url.full", request.getURI().toString())
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            propagator.inject(Context.current(), request.getHeaders(), HEADERS);
            ClientHttpResponse response = execution.execute(request, body);
            int status = response.getStatusCode().value();
            span.setAttribute("http.response.status_code", status);
            if (status >= 400) {
                span.setStatus(StatusCode.ERROR);
            }
            return response;
        } catch (IOException | RuntimeException failure) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR);
            throw failure;
        } finally {
            span.end();
        }
    }
}
