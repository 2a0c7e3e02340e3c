package io.meshwork.portal.sre;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.portal.node.NodeApi;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The node's SRE telemetry and SLO APIs (sre or mesh-admin), over a window ending now. */
@Component
public class TelemetryClient {

    private final NodeApi node;

    public TelemetryClient(NodeApi node) {
        this.node = node;
    }

    private static Map<String, Object> window(Duration last) {
        Instant now = Instant.now();
        return Map.of("from", now.minus(last).toString(), "to", now.toString());
    }

    public JsonNode red(Duration last) {
        return node.getJson("/api/v1/telemetry/red", window(last));
    }

    public JsonNode ingestion(Duration last) {
        return node.getJson("/api/v1/telemetry/ingestion", window(last));
    }

    public JsonNode errors() {
        return node.getJson("/api/v1/telemetry/errors", Map.of("limit", 20));
    }

    public JsonNode health(Duration last) {
        return node.getJson("/api/v1/telemetry/health", window(last));
    }

    public JsonNode slo() {
        return node.getJson("/api/v1/slo");
    }

    public JsonNode incidents() {
        return node.getJson("/api/v1/slo/incidents", Map.of("limit", 20));
    }
}
