package io.meshwork.portal.search;

import io.meshwork.portal.catalog.CatalogClient;
import io.meshwork.portal.catalog.ProductSummary;
import io.meshwork.portal.node.NodeApi;
import io.meshwork.portal.node.NodeException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The node's catalog search ({@code GET /api/v1/search}); a node without it (404) is searched by
 * filtering the catalog listing instead, and the result says so.
 */
@Component
public class SearchClient {

    static final int PAGE_SIZE = 20;

    private final NodeApi node;
    private final CatalogClient catalog;

    public SearchClient(NodeApi node, CatalogClient catalog) {
        this.node = node;
        this.catalog = catalog;
    }

    public SearchResult search(SearchQuery query) {
        Map<String, Object> parameters = new LinkedHashMap<>(query.asParameters());
        parameters.put("page", query.page());
        parameters.put("size", PAGE_SIZE);
        try {
            return SearchResult.fromJson(node.getJson("/api/v1/search", parameters));
        } catch (NodeException failure) {
            if (failure.status() == 404) {
                return filterCatalog(query);
            }
            throw failure;
        }
    }

    private SearchResult filterCatalog(SearchQuery query) {
        String text = query.text().toLowerCase(Locale.ROOT);
        List<SearchResult.Hit> hits = catalog.products().items().stream()
                .filter(p -> text.isEmpty() || (p.name() + " " + p.id() + " " + p.purpose() + " " + String.join(" ", p.tags())
                        + " " + p.domain()).toLowerCase(Locale.ROOT).contains(text))
                .filter(p -> !query.filters().containsKey("domain") || query.filters().get("domain").equals(p.domain()))
                .map(SearchClient::hit)
                .toList();
        return new SearchResult(hits, hits.size(), Map.of(), true);
    }

    private static SearchResult.Hit hit(ProductSummary p) {
        return new SearchResult.Hit(p.id(), p.name(), p.domain(), p.status(), p.purpose(), p.tags(), List.of(), null, Map.of());
    }
}
