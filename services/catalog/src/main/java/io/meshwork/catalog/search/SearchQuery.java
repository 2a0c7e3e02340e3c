package io.meshwork.catalog.search;

import java.util.List;
import java.util.Map;

/**
 * A catalog search: free text (may be empty: everything visible), filters by facet (values of one
 * facet are alternatives, facets combine), and a 1-based page.
 */
record SearchQuery(String text, Map<String, List<String>> filters, int page, int size) {

  /** The facets a search counts and filters by, as the query parameters name them. */
  static final List<String> FACETS = List.of("domain", "tag", "owner", "classification", "status", "portType");

  SearchQuery {
    text = text == null ? "" : text.trim();
    filters = Map.copyOf(filters);
  }
}
