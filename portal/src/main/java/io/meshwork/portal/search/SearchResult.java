package io.meshwork.portal.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One page of a catalog search: hits with their highlights, and facet counts over every hit. */
public record SearchResult(List<Hit> items, long total, Map<String, List<FacetValue>> facets, boolean fallback) {

    public SearchResult {
        items = List.copyOf(items);
        facets = Map.copyOf(facets);
    }

    /** A product that matched, and the matching passages per field (the query's words marked). */
    public record Hit(String id, String name, String domain, String status, String description, List<String> tags,
            List<String> owners, Double score, Map<String, String> highlights) {
        public Hit {
            tags = List.copyOf(tags);
            owners = List.copyOf(owners);
            highlights = Map.copyOf(highlights);
        }

        static Hit fromJson(JsonNode json) {
            Map<String, String> highlights = new LinkedHashMap<>();
            json.path("highlights").fields().forEachRemaining(f -> highlights.put(f.getKey(), f.getValue().asText()));
            return new Hit(json.path("id").asText(), json.path("name").asText(json.path("id").asText()),
                    json.path("domain").asText(""), json.path("status").asText(""), json.path("description").asText(""),
                    strings(json.path("tags")), strings(json.path("owners")),
                    json.path("score").isNumber() ? json.path("score").asDouble() : null, highlights);
        }
    }

    public record FacetValue(String value, long count) {
    }

    static SearchResult fromJson(JsonNode json) {
        List<Hit> hits = new ArrayList<>();
        json.path("items").forEach(item -> hits.add(Hit.fromJson(item)));
        Map<String, List<FacetValue>> facets = new LinkedHashMap<>();
        json.path("facets").fields().forEachRemaining(facet -> {
            List<FacetValue> values = new ArrayList<>();
            facet.getValue().forEach(v -> values.add(new FacetValue(v.path("value").asText(), v.path("count").asLong())));
            facets.put(facet.getKey(), values);
        });
        return new SearchResult(hits, json.path("total").asLong(hits.size()), facets, false);
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
