package io.meshwork.portal.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.portal.node.BackgroundNode;
import io.meshwork.portal.node.NodeApi;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * The data plane's pipeline API, with the owner's token: spec, run now, runs, batches, quarantined rows.
 * A run's progress is followed from a background thread, with a token taken beforehand ({@link BackgroundNode}).
 */
@Component
public class PipelineClient {

    private static final String BATCHES = "/api/v1/products/{id}/ports/{port}/batches?limit={limit}";
    private static final int BATCHES_SHOWN = 20;

    private final NodeApi node;
    private final BackgroundNode background;

    public PipelineClient(NodeApi node, BackgroundNode background) {
        this.node = node;
        this.background = background;
    }

    public JsonNode product(String id) {
        return node.getJson("/api/v1/products/{id}", id);
    }

    /** The stored pipeline (credentials shown as "set"); 404 when the product has none. */
    public JsonNode pipeline(String productId) {
        return node.getJson("/api/v1/products/{id}/pipeline", productId);
    }

    public JsonNode savePipeline(String productId, String yaml) {
        return node.sendText(HttpMethod.PUT, "/api/v1/products/{id}/pipeline", MediaType.parseMediaType("application/yaml"),
                yaml, productId);
    }

    /** Starts a run of one source now; the answer is the run, to follow. */
    public JsonNode runNow(String productId, String source) {
        return node.sendJson(HttpMethod.POST, "/api/v1/products/{id}/runs", Map.of("source", source), productId);
    }

    /** One page of the port's quarantined rows (owners only); {@code batchId} and {@code cursor} may be null. */
    public JsonNode quarantine(String productId, String port, String batchId, int limit, String cursor) {
        return node.call(api -> api.get().uri(uri -> {
            uri.path("/api/v1/products/{id}/ports/{port}/quarantine").queryParam("limit", limit);
            if (batchId != null && !batchId.isBlank()) {
                uri.queryParam("batch", "{batch}");
            }
            if (cursor != null) {
                uri.queryParam("cursor", "{cursor}");
            }
            return uri.build(Map.of("id", productId, "port", port, "batch", batchId == null ? "" : batchId,
                    "cursor", cursor == null ? "" : cursor));
        }).accept(MediaType.APPLICATION_JSON).retrieve().body(JsonNode.class));
    }

    public JsonNode batches(String productId, String port) {
        return node.getJson(BATCHES, productId, port, BATCHES_SHOWN);
    }

    /** The signed-in user's token, for {@link #run} and {@link #batches(String, String, String)}; call on a request thread. */
    public String currentToken() {
        return background.currentToken();
    }

    /** One run as it is now, from a background thread with a token taken beforehand. */
    public JsonNode run(String token, String productId, String runId) {
        return background.getJson(token, "/api/v1/products/{id}/runs/{run}", productId, runId);
    }

    /** The port's batches, from a background thread with a token taken beforehand. */
    public JsonNode batches(String token, String productId, String port) {
        return background.getJson(token, BATCHES, productId, port, BATCHES_SHOWN);
    }
}
