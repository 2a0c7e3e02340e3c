package io.meshwork.portal.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * What the catalog grid shows of an ODPS v1 data product document. Read-only; the portal never
 * writes a product from it.
 */
public record ProductSummary(String id, String name, String domain, String status, String team,
        String purpose, List<String> tags) {

    public ProductSummary {
        tags = List.copyOf(tags);
    }

    /** Reads the fields the grid shows; a product without a name shows its id. */
    static ProductSummary fromOdps(JsonNode product) {
        String id = product.path("id").asText();
        String name = product.path("name").asText(id);
        return new ProductSummary(id,
                name.isBlank() ? id : name,
                product.path("domain").asText(""),
                product.path("status").asText(""),
                product.path("team").path("name").asText(""),
                product.path("description").path("purpose").asText(""),
                StreamSupport.stream(product.path("tags").spliterator(), false).map(JsonNode::asText).toList());
    }
}
