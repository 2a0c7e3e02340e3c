package io.meshwork.runtime.health;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code /health/live}: the process answers. {@code /health/ready}: every dependency answers
 * (200), or which one does not (503) — what a load balancer or the launcher waits for. A check may
 * report itself {@code DEGRADED: reason} (see {@link ReadinessCheck.Degraded}): the node still
 * answers 200, with status {@code DEGRADED}.
 */
public final class HealthRoutes {

  private static final long PROBE_TIMEOUT_MS = 3_000;

  private final Vertx vertx;
  private final List<ReadinessCheck> checks;

  public HealthRoutes(Vertx vertx, List<ReadinessCheck> checks) {
    this.vertx = vertx;
    this.checks = List.copyOf(checks);
  }

  public void mount(Router router) {
    router.get("/health/live").handler(this::live);
    router.get("/health/ready").handler(this::ready);
  }

  private void live(RoutingContext ctx) {
    ctx.json(new JsonObject().put("status", "UP"));
  }

  private void ready(RoutingContext ctx) {
    List<Future<String>> probes = checks.stream().map(this::probe).toList();
    Future.join(probes).onComplete(done -> {
      JsonObject details = new JsonObject();
      boolean up = true;
      boolean degraded = false;
      for (int i = 0; i < checks.size(); i++) {
        Future<String> probe = probes.get(i);
        String state = probe.succeeded() ? probe.result() : "DOWN: " + probe.cause().getMessage();
        up &= probe.succeeded();
        degraded |= probe.succeeded() && !state.equals("UP");
        details.put(checks.get(i).name(), state);
      }
      ctx.response().setStatusCode(up ? 200 : 503);
      String status = !up ? "DOWN" : degraded ? "DEGRADED" : "UP";
      ctx.json(new JsonObject().put("status", status).put("checks", details));
    });
  }

  private Future<String> probe(ReadinessCheck check) {
    return check.probe().get()
        .timeout(PROBE_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .map(result -> result instanceof ReadinessCheck.Degraded degraded ? "DEGRADED: " + degraded.reason() : "UP");
  }
}
