package io.meshwork.portal.product;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.portal.node.NodeApi;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What a product's page reads besides the product itself, each from its own node API: contracts,
 * SLO status, quality, lineage, history. Each read fails on its own ({@link io.meshwork.portal.node.NodeException}),
 * so one missing API empties one section, never the page.
 */
@Component
public class ProductReads {

    private final NodeApi node;

    public ProductReads(NodeApi node) {
        this.node = node;
    }

    public JsonNode product(String id) {
        return node.getJson("/api/v1/products/{id}", id);
    }

    public JsonNode contract(String id) {
        return node.getJson("/api/v1/contracts/{id}", id);
    }

    /** The SLO status of the product's domain's products (the node lists by domain; the page picks its product). */
    public JsonNode slo(String domain) {
        return node.getJson("/api/v1/slo", Map.of("domain", domain));
    }

    public JsonNode quality(String productId) {
        return node.getJson("/api/v1/products/{id}/quality?limit={limit}", productId, 50);
    }

    public JsonNode lineage(String productId) {
        return node.getJson("/api/v1/lineage", Map.of("node", productId, "direction", "both", "depth", 3));
    }

    public JsonNode productHistory(String productId) {
        return node.getJson("/api/v1/products/{id}/history", productId);
    }

    public JsonNode contractChangelog(String contractId) {
        return node.getJson("/api/v1/contracts/{id}/changelog", contractId);
    }
}
