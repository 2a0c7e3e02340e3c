package io.meshwork.access.grant;

import io.meshwork.access.grant.GrantRepository.StoredGrant;
import io.meshwork.access.pdp.Grant;
import io.meshwork.runtime.auth.Caller;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Locale;

/** HTTP edge of grants: list, inspect, revoke. */
public final class GrantRoutes {

  private final GrantService service;

  public GrantRoutes(GrantService service) {
    this.service = service;
  }

  public void mount(Router router) {
    router.get("/api/v1/grants").handler(this::list);
    router.get("/api/v1/grants/:id").handler(this::get);
    router.delete("/api/v1/grants/:id").handler(this::revoke);
  }

  private void list(RoutingContext ctx) {
    Instant now = Instant.now();
    service.visibleTo(Caller.of(ctx))
        .onSuccess(grants -> ctx.json(new JsonObject().put("items", new JsonArray(grants.stream().map(g -> toJson(g, now)).toList()))))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    service.get(Caller.of(ctx), ctx.pathParam("id")).onSuccess(g -> ctx.json(toJson(g, Instant.now()))).onFailure(ctx::fail);
  }

  private void revoke(RoutingContext ctx) {
    service.revoke(Caller.of(ctx), ctx.pathParam("id")).onSuccess(g -> ctx.json(toJson(g, Instant.now()))).onFailure(ctx::fail);
  }

  static JsonObject toJson(StoredGrant stored, Instant now) {
    Grant g = stored.grant();
    JsonObject json = new JsonObject()
        .put("id", g.id())
        .put("principal", new JsonObject().put("kind", g.principal().kind().name().toLowerCase(Locale.ROOT)).put("id", g.principal().id()))
        .put("productId", g.productId())
        .put("port", g.port())
        .put("domain", stored.domain())
        .put("purpose", g.purpose())
        .put("grantedAt", g.grantedAt().toString())
        .put("expiresAt", g.expiresAt().toString())
        .put("columns", new JsonArray(g.columns().stream().sorted().toList()))
        .put("unmasked", new JsonArray(g.unmasked().stream().sorted().toList()))
        .put("approvedBy", stored.approvedBy())
        .put("state", stored.revokedAt() != null ? "revoked" : now.isBefore(g.expiresAt()) ? "active" : "expired");
    if (stored.rowFilterText() != null) {
      json.put("rowFilter", stored.rowFilterText());
    }
    if (stored.revokedAt() != null) {
      json.put("revokedAt", stored.revokedAt().toString()).put("revokedBy", stored.revokedBy());
    }
    return json;
  }
}
