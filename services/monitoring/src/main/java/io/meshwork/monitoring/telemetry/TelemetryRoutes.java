package io.meshwork.monitoring.telemetry;

import io.meshwork.model.error.ForbiddenException;
import io.meshwork.monitoring.Query;
import io.meshwork.runtime.auth.Caller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /api/v1/telemetry/{red,ingestion,slo,errors,health}} for the SRE dashboards; only
 * for the {@code sre} and {@code mesh-admin} roles. Windows default to the last hour and may span
 * at most the retention.
 */
public final class TelemetryRoutes {

  public static final String SRE = "sre";
  private static final Set<String> CLASSES = Set.of("4xx", "5xx");

  private final TelemetryService telemetry;

  public TelemetryRoutes(TelemetryService telemetry) {
    this.telemetry = telemetry;
  }

  public void mount(Router router) {
    router.get("/api/v1/telemetry/*").handler(TelemetryRoutes::requireSre);
    router.get("/api/v1/telemetry/red").handler(this::red);
    router.get("/api/v1/telemetry/ingestion").handler(this::ingestion);
    router.get("/api/v1/telemetry/slo").handler(this::slo);
    router.get("/api/v1/telemetry/errors").handler(this::errors);
    router.get("/api/v1/telemetry/health").handler(this::health);
  }

  private static void requireSre(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    if (!caller.hasRole(SRE) && !caller.hasRole(Caller.MESH_ADMIN)) {
      throw new ForbiddenException("Telemetry is for the sre and mesh-admin roles");
    }
    ctx.next();
  }

  private void red(RoutingContext ctx) {
    Query query = new Query(ctx);
    String service = query.name("service");
    String route = query.name("route");
    Window window = window(query);
    reply(ctx, telemetry.red(service, route, window.from, window.to));
  }

  private void ingestion(RoutingContext ctx) {
    Query query = new Query(ctx);
    String domain = query.name("domain");
    Window window = window(query);
    reply(ctx, telemetry.ingestion(domain, window.from, window.to));
  }

  private void slo(RoutingContext ctx) {
    Window window = window(new Query(ctx));
    reply(ctx, telemetry.slo(window.from, window.to));
  }

  private void errors(RoutingContext ctx) {
    Query query = new Query(ctx);
    String status = query.oneOf("status", s -> Optional.of(s).filter(CLASSES::contains), "4xx, 5xx");
    int limit = query.integer("limit", 1, 500, 100);
    Window window = window(query);
    reply(ctx, telemetry.errors(status, window.from, window.to, limit));
  }

  private void health(RoutingContext ctx) {
    Window window = window(new Query(ctx));
    reply(ctx, telemetry.health(window.from, window.to));
  }

  private record Window(Instant from, Instant to) {}

  private Window window(Query query) {
    Instant to = query.instant("to", Instant.now());
    Instant from = query.instant("from", to.minus(Duration.ofHours(1)));
    query.window(from, to, telemetry.retention().plus(telemetry.period()));
    query.check();
    return new Window(from, to);
  }

  private static void reply(RoutingContext ctx, Future<JsonObject> answer) {
    answer.onSuccess(ctx::json).onFailure(ctx::fail);
  }
}
