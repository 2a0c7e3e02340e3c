package io.meshwork.portal.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the search page asks, and its URL ({@code search?q=orders&domain=orders&tag=finance}) — the
 * same names as the node's search API, so a bookmark is exactly a query.
 */
public record SearchQuery(String text, Map<String, String> filters, int page) {

    /** The facets the node counts, in the order the page shows them, with their labels. */
    static final Map<String, String> FACETS = facets();

    private static Map<String, String> facets() {
        Map<String, String> facets = new LinkedHashMap<>();
        facets.put("domain", "Domain");
        facets.put("tag", "Tag");
        facets.put("owner", "Owner");
        facets.put("classification", "Classification");
        facets.put("status", "Status");
        facets.put("portType", "Port type");
        return facets;
    }

    public SearchQuery {
        text = text == null ? "" : text.strip();
        Map<String, String> kept = new LinkedHashMap<>();
        if (filters != null) {
            filters.forEach((name, value) -> {
                if (FACETS.containsKey(name) && value != null && !value.isBlank()) {
                    kept.put(name, value.strip());
                }
            });
        }
        filters = Map.copyOf(kept);
        page = Math.max(1, page);
    }

    static SearchQuery fromUrl(Map<String, List<String>> parameters) {
        Map<String, String> filters = new LinkedHashMap<>();
        FACETS.keySet().forEach(name -> first(parameters, name).ifPresent(v -> filters.put(name, v)));
        int page;
        try {
            page = Integer.parseInt(first(parameters, "page").orElse("1"));
        } catch (NumberFormatException notANumber) {
            page = 1;
        }
        return new SearchQuery(first(parameters, "q").orElse(""), filters, page);
    }

    private static java.util.Optional<String> first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(values.get(0));
    }

    /** The portal's URL query, also the node's search parameters. */
    Map<String, String> asParameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (!text.isEmpty()) {
            parameters.put("q", text);
        }
        FACETS.keySet().forEach(name -> {
            if (filters.containsKey(name)) {
                parameters.put(name, filters.get(name));
            }
        });
        if (page > 1) {
            parameters.put("page", String.valueOf(page));
        }
        return parameters;
    }

    SearchQuery withText(String newText) {
        return new SearchQuery(newText, filters, 1);
    }

    /** The same query with this facet value chosen, or dropped when it was chosen already. */
    SearchQuery toggle(String facet, String value) {
        Map<String, String> next = new LinkedHashMap<>(filters);
        if (value.equals(next.get(facet))) {
            next.remove(facet);
        } else {
            next.put(facet, value);
        }
        return new SearchQuery(text, next, 1);
    }

    SearchQuery withPage(int newPage) {
        return new SearchQuery(text, filters, newPage);
    }
}
