package io.meshwork.portal.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.portal.node.NodeApi;
import io.meshwork.portal.node.NodeException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * The node's governed reads with the signed-in user's token — SQL ({@code POST /api/v1/query}) and a
 * port's Parquet snapshot: the node applies the user's grants (columns, masks, row filter) to every
 * port they read.
 */
@Component
public class QueryClient {

    public static final MediaType PARQUET = MediaType.parseMediaType("application/vnd.apache.parquet");
    private final NodeApi node;

    public QueryClient(NodeApi node) {
        this.node = node;
    }

    /** The result as JSON: columns, rows, rowCount, truncated. */
    public JsonNode run(String sql, int limit, String purpose) {
        return node.sendJson(HttpMethod.POST, "/api/v1/query", body(sql, limit, purpose, "json"));
    }

    /** The same query as CSV (RFC 4180 with a header line), for download. */
    public String csv(String sql, int limit, String purpose) {
        return node.call(api -> api.post()
                .uri("/api/v1/query")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.parseMediaType("text/csv"), MediaType.APPLICATION_PROBLEM_JSON)
                .body(body(sql, limit, purpose, "csv"))
                .retrieve()
                .body(String.class));
    }

    /**
     * Streams the port's governed snapshot as Parquet ({@code GET …/snapshot.parquet}, the node's
     * export: only the granted columns, masked, row-filtered) into {@code out}. Called while the
     * browser downloads it, on that request's thread, so the user's token is at hand.
     */
    public void parquet(String productId, String port, String purpose, OutputStream out) {
        node.call(api -> api.get()
                .uri("/api/v1/products/{id}/ports/{port}/snapshot.parquet?purpose={purpose}", productId, port, purpose)
                .accept(PARQUET, MediaType.APPLICATION_PROBLEM_JSON)
                .exchange((request, response) -> {
                    if (response.getStatusCode().isError()) {
                        throw NodeException.of(response.getStatusCode().value(), "The node refused the Parquet download",
                                new String(response.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), null);
                    }
                    response.getBody().transferTo(out);
                    return null;
                }));
    }

    private static Map<String, Object> body(String sql, int limit, String purpose, String format) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sql", sql);
        body.put("format", format);
        body.put("limit", limit);
        if (purpose != null && !purpose.isBlank()) {
            body.put("purpose", purpose);
        }
        return body;
    }

    /** How SQL names a port: {@code domain.product.port}, each part quoted unless a plain identifier (as the node does). */
    public static String portName(String domain, String product, String port) {
        return quote(domain) + "." + quote(product) + "." + quote(port);
    }

    private static String quote(String part) {
        return part.matches("[a-z_][a-z0-9_]*") ? part : '"' + part.replace("\"", "\"\"") + '"';
    }
}
