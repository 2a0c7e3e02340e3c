package io.meshwork.catalog.governance;

import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.NotFoundException;
import io.meshwork.model.error.Violation;
import io.meshwork.model.product.DataProduct;
import io.meshwork.runtime.auth.Caller;
import io.meshwork.runtime.web.JsonBody;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** HTTP edge of governance: the rules (read by everyone, set by admins and domain owners) and each product's conformance. */
final class GovernanceRoutes {

  private final Governance governance;
  private final Function<String, Future<Optional<DataProduct>>> products;

  GovernanceRoutes(Governance governance, Function<String, Future<Optional<DataProduct>>> products) {
    this.governance = governance;
    this.products = products;
  }

  void mount(Router router) {
    router.get("/api/v1/governance/rules").handler(this::list);
    router.get("/api/v1/governance/rules/:id").handler(this::get);
    router.put("/api/v1/governance/rules/:id").handler(this::put);
    router.delete("/api/v1/governance/rules/:id").handler(this::delete);
    router.get("/api/v1/products/:id/conformance").handler(this::conformance);
  }

  private void list(RoutingContext ctx) {
    governance.list(ctx.request().getParam("domain"))
        .onSuccess(rules -> ctx.json(new JsonObject()
            .put("items", new JsonArray(rules.stream().map(GovernanceRule::toJson).toList()))
            .put("total", rules.size())))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    governance.get(ctx.pathParam("id")).onSuccess(rule -> ctx.json(rule.toJson())).onFailure(ctx::fail);
  }

  /** A rule's domain comes from the body, or from {@code ?domain=} when the body names none. */
  private void put(RoutingContext ctx) {
    JsonObject body = JsonBody.required(ctx);
    String domain = ctx.request().getParam("domain");
    if (domain != null) {
      Object named = body.getValue("domain");
      if (named != null && !domain.equals(named)) {
        throw new InvalidException("The rule's domain does not match the query",
            List.of(new Violation("/domain", "must equal the domain in the query ('" + domain + "')")));
      }
      body.put("domain", domain);
    }
    GovernanceRule rule = GovernanceRule.from(ctx.pathParam("id"), body);
    governance.put(Caller.of(ctx), rule)
        .onSuccess(created -> ctx.response().setStatusCode(created ? 201 : 200)
            .putHeader("Content-Type", "application/json")
            .putHeader("Location", "/api/v1/governance/rules/" + rule.id())
            .end(rule.toJson().encode()))
        .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    governance.delete(Caller.of(ctx), ctx.pathParam("id"))
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private void conformance(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    products.apply(id)
        .compose(found -> governance.conformance(found.orElseThrow(() -> new NotFoundException("No data product with id '" + id + "'"))))
        .onSuccess(conformance -> ctx.json(conformance.toJson()))
        .onFailure(ctx::fail);
  }
}
