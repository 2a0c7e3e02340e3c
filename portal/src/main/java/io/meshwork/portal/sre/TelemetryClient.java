package io.meshwork.portal.sre;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.portal.node.BackgroundNode;
import io.meshwork.portal.node.NodeApi;
import io.meshwork.portal.node.NodeException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The node's SRE telemetry and SLO APIs (sre or mesh-admin), read together as one {@link Snapshot}:
 * on a request thread with the session's token, or from a background task with a token it holds.
 */
@Component
public class TelemetryClient {

    /** GETs a JSON document with these query parameters. */
    interface Reader {
        JsonNode get(String path, Map<String, Object> query);
    }

    /** One panel's answer: its JSON, or why there is none. */
    record Reading(JsonNode json, NodeException failure) {

        static Reading of(Supplier<JsonNode> call) {
            try {
                return new Reading(call.get(), null);
            } catch (NodeException failed) {
                return new Reading(null, failed);
            }
        }
    }

    /** Every panel of the dashboard, read at {@code at}. */
    record Snapshot(Instant at, Reading slo, Reading red, Reading ingestion, Reading incidents, Reading errors, Reading health) {

        /** The time of the newest stored telemetry sample in the window, if any. */
        Optional<Instant> newestSample() {
            return health.json() == null ? Optional.empty() : newest(health.json());
        }
    }

    private static final Duration HEALTH_WINDOW = Duration.ofMinutes(5);

    private final NodeApi node;
    private final BackgroundNode background;

    public TelemetryClient(NodeApi node, BackgroundNode background) {
        this.node = node;
        this.background = background;
    }

    /** On a request thread, with the signed-in user's token. */
    Snapshot snapshot(Duration last) {
        return snapshot(node::getJson, last);
    }

    /** From a background task, with a token it holds. */
    Snapshot snapshot(String token, Duration last) {
        return snapshot(withToken(token), last);
    }

    /** The newest sample the node has stored after {@code after} (the cheap question a live view asks often). */
    Optional<Instant> newestSampleAfter(String token, Instant after) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("from", after.plusMillis(1).toString());
        query.put("to", Instant.now().toString());
        return newest(withToken(token).get("/api/v1/telemetry/health", query));
    }

    private static Optional<Instant> newest(JsonNode health) {
        Instant newest = null;
        for (JsonNode point : health.path("points")) {
            if (point.hasNonNull("at")) {
                Instant at = Instant.parse(point.path("at").asText());
                newest = newest == null || at.isAfter(newest) ? at : newest;
            }
        }
        return Optional.ofNullable(newest);
    }

    private Reader withToken(String token) {
        return (path, query) -> background.getJson(token, path, query);
    }

    private static Snapshot snapshot(Reader reader, Duration last) {
        Instant now = Instant.now();
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("from", now.minus(last).toString());
        window.put("to", now.toString());
        return new Snapshot(now,
                Reading.of(() -> reader.get("/api/v1/slo", Map.of())),
                Reading.of(() -> reader.get("/api/v1/telemetry/red", window)),
                Reading.of(() -> reader.get("/api/v1/telemetry/ingestion", window)),
                Reading.of(() -> reader.get("/api/v1/slo/incidents", Map.of("limit", 20))),
                Reading.of(() -> reader.get("/api/v1/telemetry/errors", Map.of("limit", 20))),
                // health: the node now, and the samples of the last minutes only (their newest is all a live view needs)
                Reading.of(() -> reader.get("/api/v1/telemetry/health", Map.of("from", now.minus(HEALTH_WINDOW).toString(),
                        "to", now.toString()))));
    }
}
