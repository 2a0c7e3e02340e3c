package io.meshwork.monitoring.telemetry;

import io.meshwork.observability.Telemetry;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Notes every answer with status 4xx or 5xx — time, method, route template, status, trace id —
 * for {@code GET /api/v1/telemetry/errors}. Installed first on the router, so it sees every
 * request. Keeps no path, query, body or header: the trace id leads to the details in the logs
 * and traces. Held in a bounded buffer until the sampler stores it.
 */
public final class RecentErrors implements Handler<RoutingContext> {

  static final int CAPACITY = 1000;

  private final Deque<JsonObject> pending = new ArrayDeque<>();

  @Override
  public void handle(RoutingContext ctx) {
    String traceId = Telemetry.currentTraceId();
    ctx.addHeadersEndHandler(v -> {
      int status = ctx.response().getStatusCode();
      if (status >= 400) {
        Route route = ctx.currentRoute();
        JsonObject error = new JsonObject().put("at", Instant.now().toString()).put("method", ctx.request().method().name())
            .put("route", route == null || route.getPath() == null ? "" : route.getPath()).put("status", status);
        if (traceId != null) {
          error.put("traceId", traceId);
        }
        add(error);
      }
    });
    ctx.next();
  }

  private synchronized void add(JsonObject error) {
    if (pending.size() == CAPACITY) {
      pending.removeFirst();
    }
    pending.addLast(error);
  }

  /** The errors noted and not yet drained, oldest first. */
  synchronized List<JsonObject> peek() {
    return new ArrayList<>(pending);
  }

  /** The errors noted since the last call. */
  synchronized List<JsonObject> drain() {
    List<JsonObject> drained = new ArrayList<>(pending);
    pending.clear();
    return drained;
  }
}
