package io.meshwork.access.autoapproval;

import io.meshwork.access.PortDirectory;
import io.meshwork.access.pdp.PortResource;
import io.meshwork.model.error.ForbiddenException;
import io.meshwork.runtime.auth.Caller;
import io.meshwork.runtime.web.JsonBody;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.stream.Stream;

/** {@code GET/PUT /api/v1/access/auto-approval/{productId}}: read by anyone signed in, set by the product's domain owners. */
public final class AutoApprovalRoutes {

  private final AutoApprovalRules rules;
  private final PortDirectory ports;

  public AutoApprovalRoutes(AutoApprovalRules rules, PortDirectory ports) {
    this.rules = rules;
    this.ports = ports;
  }

  public void mount(Router router) {
    router.get("/api/v1/access/auto-approval/:productId").handler(this::get);
    router.put("/api/v1/access/auto-approval/:productId").handler(this::put);
  }

  private void get(RoutingContext ctx) {
    rules.of(ctx.pathParam("productId")).onSuccess(list -> ctx.json(toJson(list))).onFailure(ctx::fail);
  }

  private void put(RoutingContext ctx) {
    String productId = ctx.pathParam("productId");
    Caller caller = Caller.of(ctx);
    List<AutoApprovalRule> parsed = AutoApprovalRules.parse(JsonBody.required(ctx));
    // every rule, old and new, names a real port of a product in a domain the caller owns
    rules.of(productId)
        .compose(existing -> Future.all(Stream.concat(existing.stream(), parsed.stream())
            .map(r -> ports.port(productId, r.port())).toList()))
        .map(all -> {
          for (int i = 0; i < all.size(); i++) {
            PortResource port = all.resultAt(i);
            if (!caller.ownsDomain(port.domain())) {
              throw new ForbiddenException("Only a domain-owner of '" + port.domain() + "' may set auto-approval for " + productId);
            }
          }
          return null;
        })
        .compose(v -> rules.replace(productId, parsed, caller.username()))
        .onSuccess(v -> ctx.json(toJson(parsed)))
        .onFailure(ctx::fail);
  }

  private static JsonObject toJson(List<AutoApprovalRule> list) {
    return new JsonObject().put("rules", new JsonArray(list.stream().map(AutoApprovalRule::toJson).toList()));
  }
}
