package io.meshwork.portal.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.portal.node.NodeApi;
import io.meshwork.portal.node.NodeException;
import java.util.List;
import java.util.stream.StreamSupport;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/** The node's catalog API, read with the signed-in user's token. */
@Component
public class CatalogClient {

    /** One page is all the skeleton shows; the grid says when there are more. */
    static final int PAGE_SIZE = 50;

    private final NodeApi node;

    public CatalogClient(NodeApi node) {
        this.node = node;
    }

    /**
     * @throws NodeException when the node is unreachable or answers with an error
     */
    public ProductPage products() {
        JsonNode page = node.call(api -> api.get()
                .uri("/api/v1/products?offset=0&limit={limit}", PAGE_SIZE)
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .body(JsonNode.class));
        List<ProductSummary> items = StreamSupport.stream(page.path("items").spliterator(), false)
                .map(ProductSummary::fromOdps)
                .toList();
        return new ProductPage(items, page.path("total").asLong(items.size()));
    }

    /** The first products of the catalog, and how many there are in all. */
    public record ProductPage(List<ProductSummary> items, long total) {
        public ProductPage {
            items = List.copyOf(items);
        }
    }
}
