package io.meshwork.portal.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.portal.node.NodeApi;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * The node's governed SQL ({@code POST /api/v1/query}) with the signed-in user's token: the node
 * applies the user's grants (columns, masks, row filter) to every port the query reads.
 */
@Component
public class QueryClient {

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
