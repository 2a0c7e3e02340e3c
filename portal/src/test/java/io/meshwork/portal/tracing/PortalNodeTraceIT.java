package io.meshwork.portal.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwork.portal.node.NodeApi;
import io.meshwork.portal.query.QueryClient;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/**
 * One trace from the portal through the node to storage for a consumer's query: the portal's own
 * query code ({@link QueryClient} → {@link NodeApi} → {@link TraceContextInterceptor}, with the SDK
 * of {@link TracingConfig}) calls a real node running in this JVM; both SDKs are configured by the
 * standard {@code otel.traces.exporter} to the OpenTelemetry SDK's in-memory exporter.
 */
class PortalNodeTraceIT {

    private static final Path DEMO = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("../deploy/demo").normalize();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PORT_SQL = QueryClient.portName("orders", "orders-daily", "order-lines");
    private static final AttributeKey<String> SERVICE = AttributeKey.stringKey("service.name");

    private static NodeInThisJvm node;
    private static OpenTelemetrySdk portalTelemetry;
    private static String carlos;

    @BeforeAll
    static void start() throws Exception {
        System.setProperty("otel.traces.exporter", "memory");
        System.setProperty("otel.bsp.schedule.delay", "20");
        try {
            node = NodeInThisJvm.start("portal-trace");
            portalTelemetry = new TracingConfig().openTelemetry();
        } finally {
            System.clearProperty("otel.traces.exporter");
            System.clearProperty("otel.bsp.schedule.delay");
        }
        String olivia = node.token("olivia");
        carlos = node.token("carlos");
        send("PUT", "/api/v1/contracts/order-lines-v1", olivia, "application/yaml", Files.readString(DEMO.resolve("contracts/order-lines-v1.yaml")));
        send("PUT", "/api/v1/products/orders-daily", olivia, "application/yaml", Files.readString(DEMO.resolve("products/orders-daily.yaml")));
        send("POST", "/api/v1/products/orders-daily/ports/order-lines/batches", olivia, "text/csv",
                "order_id,line_no,customer_email,sku,channel,amount_eur,ordered_at\n"
                        + "r-1,1,ann.lee@example.com,SKU-1,web,10.50,2026-11-01T10:00:00Z\n"
                        + "r-2,1,bob@example.org,SKU-7,store,99.00,2026-11-01T11:00:00Z\n");
        JsonNode request = send("POST", "/api/v1/access-requests", carlos, "application/json", """
                {"productId": "orders-daily", "port": "order-lines", "purpose": "analytics",
                 "justification": "weekly revenue per channel", "durationDays": 30,
                 "columns": ["order_id", "channel", "amount_eur"]}""");
        send("POST", "/api/v1/access-requests/" + request.get("id").asText() + "/approve", olivia, "application/json", "{}");
    }

    @AfterAll
    static void stop() throws Exception {
        if (portalTelemetry != null) {
            portalTelemetry.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aConsumerQueryIsOneTraceFromThePortalThroughTheNodeToDuckdb() throws Exception {
        String sql = "SELECT channel, sum(amount_eur) AS revenue FROM " + PORT_SQL + " WHERE amount_eur > 7 GROUP BY channel ORDER BY channel";
        NodeApi api = NodeApi.create(node.uri(""), RestClient.builder()
                .requestInterceptor(new TraceContextInterceptor(portalTelemetry))
                .requestInterceptor((request, body, execution) -> {
                    request.getHeaders().setBearerAuth(carlos);
                    return execution.execute(request, body);
                }), JSON);

        JsonNode result = new QueryClient(api).run(sql, 100, "analytics");
        assertThat(result.get("rows").toString()).contains("web").contains("store");

        SpanData portal = eventually(() -> InMemorySpans.EXPORTER.getFinishedSpanItems().stream()
                .filter(s -> "meshwork-portal".equals(s.getResource().getAttribute(SERVICE)) && s.getKind() == SpanKind.CLIENT
                        && String.valueOf(s.getAttributes().get(AttributeKey.stringKey("url.full"))).endsWith("/api/v1/query"))
                .findFirst().orElse(null));
        // the node's HTTP server span continues the portal's traceparent (W3C trace context)
        List<SpanData> trace = eventually(() -> {
            List<SpanData> spans = InMemorySpans.EXPORTER.getFinishedSpanItems().stream()
                    .filter(s -> s.getTraceId().equals(portal.getTraceId())).toList();
            return spans.stream().anyMatch(s -> s.getName().equals("duckdb read"))
                    && spans.stream().anyMatch(s -> s.getName().equals("access.decision"))
                    && spans.stream().anyMatch(s -> s.getKind() == SpanKind.SERVER && s.getParentSpanId().equals(portal.getSpanId()))
                    && spans.stream().anyMatch(s -> s.getName().equals("insert events")) ? spans : null;
        });
        String seen = describe(trace);
        Map<String, SpanData> byId = trace.stream().collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));

        assertThat(portal.getParentSpanContext().isValid()).as("the portal's span is the root\n" + seen).isFalse();
        SpanData server = one(trace, s -> s.getKind() == SpanKind.SERVER && s.getParentSpanId().equals(portal.getSpanId()), seen);
        assertThat(server.getResource().getAttribute(SERVICE)).isEqualTo("meshwork-node");
        assertThat(server.getParentSpanContext().isRemote()).as("from the traceparent header").isTrue();
        assertThat(server.getAttributes().get(AttributeKey.stringKey("enduser.id"))).isEqualTo("carlos");

        SpanData decision = one(trace, s -> s.getName().equals("access.decision"), seen);
        assertThat(ancestors(decision, byId)).as("the decision is part of the request\n" + seen).contains(server.getSpanId());
        assertThat(decision.getAttributes().asMap().entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().getKey(), e -> String.valueOf(e.getValue()))))
                .containsEntry("meshwork.domain", "orders").containsEntry("meshwork.product", "orders-daily")
                .containsEntry("meshwork.port", "order-lines").containsEntry("enduser.id", "carlos")
                .containsEntry("meshwork.decision", "allow");

        SpanData duckdb = one(trace, s -> s.getName().equals("duckdb read"), seen);
        assertThat(ancestors(duckdb, byId)).as("the storage read is part of the request\n" + seen).contains(server.getSpanId());
        assertThat(duckdb.getAttributes().get(AttributeKey.stringKey("db.system.name"))).isEqualTo("duckdb");
        assertThat(duckdb.getAttributes().get(AttributeKey.stringKey("db.namespace"))).isEqualTo("orders");

        // the audit event (query.served) is stored in MongoDB and delivered over the event bus, in the same trace
        SpanData stored = one(trace, s -> s.getName().equals("insert events"), seen);
        assertThat(ancestors(stored, byId)).contains(server.getSpanId());
        SpanData published = one(trace, s -> s.getKind() == SpanKind.CLIENT && s.getName().equals("publish"), seen);
        assertThat(ancestors(published, byId)).contains(server.getSpanId());
        assertThat(trace).as("delivered to the event bus's consumers under the publication\n" + seen)
                .anyMatch(s -> s.getKind() == SpanKind.SERVER && s.getParentSpanId().equals(published.getSpanId()));

        // no span of the trace carries the query text or a data value
        String attributes = trace.stream().map(s -> s.getName() + " " + s.getAttributes().asMap().values()).collect(Collectors.joining("\n"));
        assertThat(attributes).doesNotContain("SELECT").doesNotContain("amount_eur").doesNotContain("revenue")
                .doesNotContain("r-1").doesNotContain("ann.lee").doesNotContain("99.0").doesNotContain("SKU");
    }

    private static SpanData one(List<SpanData> trace, java.util.function.Predicate<SpanData> which, String seen) {
        List<SpanData> found = trace.stream().filter(which).toList();
        assertThat(found).as(seen).hasSize(1);
        return found.get(0);
    }

    private static List<String> ancestors(SpanData span, Map<String, SpanData> byId) {
        List<String> ids = new java.util.ArrayList<>();
        for (SpanData parent = byId.get(span.getParentSpanId()); parent != null; parent = byId.get(parent.getParentSpanId())) {
            ids.add(parent.getSpanId());
        }
        return ids;
    }

    private static String describe(List<SpanData> trace) {
        return trace.stream().map(s -> s.getResource().getAttribute(SERVICE) + " " + s.getKind() + " '" + s.getName() + "' "
                + s.getSpanId() + " <- " + s.getParentSpanId()).collect(Collectors.joining("\n"));
    }

    private static JsonNode send(String method, String path, String token, String type, String body) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(node.uri(path)).method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + token).header("Content-Type", type).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.body()).isBetween(200, 201);
        return JSON.readTree(answer.body());
    }

    private static <T> T eventually(java.util.function.Supplier<T> probe) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s; spans seen: " + describe(InMemorySpans.EXPORTER.getFinishedSpanItems()));
            }
            Thread.sleep(50);
        }
    }
}
