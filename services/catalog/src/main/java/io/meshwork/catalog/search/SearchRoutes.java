package io.meshwork.catalog.search;

import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import io.meshwork.runtime.auth.Caller;
import io.meshwork.runtime.web.QueryParams;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/v1/search}: the catalog's search for every signed-in user, drafts only for their domain. */
final class SearchRoutes {

  static final int DEFAULT_SIZE = 20;
  static final int MAX_SIZE = 100;
  private static final int MAX_PAGE = 500;
  private static final int MAX_TEXT = 200;

  private final CatalogSearch search;

  SearchRoutes(CatalogSearch search) {
    this.search = search;
  }

  void mount(Router router) {
    router.get("/api/v1/search").handler(this::search);
  }

  private void search(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    SearchQuery query = query(ctx);
    search.search(query, Visibility.of(caller))
        .onSuccess(result -> {
          JsonObject facets = new JsonObject();
          result.facets().forEach((facet, counts) -> {
            JsonArray values = new JsonArray();
            counts.forEach((value, count) -> values.add(new JsonObject().put("value", value).put("count", count)));
            facets.put(facet, values);
          });
          ctx.json(new JsonObject()
              .put("query", query.text())
              .put("items", new JsonArray(result.items()))
              .put("total", result.total())
              .put("page", query.page())
              .put("size", query.size())
              .put("facets", facets));
        })
        .onFailure(ctx::fail);
  }

  private static SearchQuery query(RoutingContext ctx) {
    List<Violation> violations = new ArrayList<>();
    String text = ctx.request().getParam("q");
    if (text != null && text.length() > MAX_TEXT) {
      violations.add(new Violation("/q", "must be at most " + MAX_TEXT + " characters"));
    }
    Map<String, List<String>> filters = new LinkedHashMap<>();
    for (String facet : SearchQuery.FACETS) {
      List<String> values = ctx.queryParam(facet).stream().filter(v -> !v.isBlank()).toList();
      if (!values.isEmpty()) {
        filters.put(facet, values);
      }
    }
    int page = QueryParams.intParam(ctx, "page", 1, 1, MAX_PAGE, violations);
    int size = QueryParams.intParam(ctx, "size", DEFAULT_SIZE, 1, MAX_SIZE, violations);
    if (!violations.isEmpty()) {
      throw new InvalidException("Invalid search", violations);
    }
    return new SearchQuery(text, filters, page, size);
  }
}
