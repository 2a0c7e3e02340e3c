package io.meshwork.access.audit;

import io.meshwork.model.error.ForbiddenException;
import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import io.meshwork.runtime.auth.Caller;
import io.meshwork.runtime.web.QueryParams;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** {@code GET /api/v1/audit}: mesh admins read everything, domain owners their domains; nobody writes. */
public final class AuditRoutes {

  private final AuditLog log;

  public AuditRoutes(AuditLog log) {
    this.log = log;
  }

  public void mount(Router router) {
    router.get("/api/v1/audit").handler(this::read);
  }

  private void read(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    List<String> domains = null;
    if (!caller.hasRole(Caller.MESH_ADMIN)) {
      domains = caller.hasRole(Caller.DOMAIN_OWNER)
          ? caller.groups().stream().filter(g -> g.startsWith("/domains/")).map(g -> g.substring(9).split("/")[0]).distinct().toList()
          : List.of();
      if (domains.isEmpty()) {
        throw new ForbiddenException("The audit log is for mesh admins and domain owners");
      }
    }
    int offset = QueryParams.intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    int limit = QueryParams.intParam(ctx, "limit", 100, 1, 1000);
    AuditLog.Query query = new AuditLog.Query(ctx.request().getParam("product"), ctx.request().getParam("principal"),
        instant(ctx, "from"), instant(ctx, "to"), domains, offset, limit);
    log.read(query)
        .onSuccess(entries -> ctx.json(new JsonObject().put("items", new JsonArray(entries)).put("offset", offset).put("limit", limit)))
        .onFailure(ctx::fail);
  }

  private static Instant instant(RoutingContext ctx, String name) {
    String raw = ctx.request().getParam(name);
    try {
      return raw == null ? null : Instant.parse(raw);
    } catch (DateTimeParseException e) {
      throw new InvalidException("Invalid query parameter", List.of(new Violation("/" + name, "must be a timestamp like 2026-11-25T00:00:00Z")));
    }
  }
}
