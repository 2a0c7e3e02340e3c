package io.meshwork.catalog.search;

import io.vertx.ext.web.Router;

/** Wires search: the index keeper ({@link CatalogSearch}) → routes. */
public final class SearchModule {

  private final SearchRoutes routes;

  public SearchModule(CatalogSearch search) {
    this.routes = new SearchRoutes(search);
  }

  public void mount(Router router) {
    routes.mount(router);
  }
}
