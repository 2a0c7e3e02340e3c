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
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.regex.Pattern;
import io.vertx.core.http.HttpMethod;

/**
 * Notes every answer with status 4xx or 5xx — time, method, route template, status, trace id —
 * for {@code GET /api/v1/telemetry/errors}. Installed first on the router, so it sees every
 * request. Keeps no path, query, body or header: the trace id leads to the details in the logs
 * and traces. Held in a bounded buffer until the sampler stores it.
 */
public final class RecentErrors implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(RecentErrors.class);
  static final int CAPACITY = 1000;
  static final String UNMATCHED = "(unmatched)";

  private final Deque<JsonObject> pending = new ArrayDeque<>();
  private final Supplier<List<Route>> routes;
  private volatile List<Template> templates;

  /** @param routes the router's routes, read once on the first error (all are mounted by then) */
  public RecentErrors(Supplier<List<Route>> routes) {
    this.routes = routes;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String traceId = Telemetry.currentTraceId();
    ctx.addHeadersEndHandler(v -> {
      int status = ctx.response().getStatusCode();
      if (status >= 400) {
        record(ctx, status, traceId);
      }
    });
    ctx.next();
  }

  /** Never fails the answer it observes: a broken note is dropped, with a log line. */
  private void record(RoutingContext ctx, int status, String traceId) {
    try {
      JsonObject error = new JsonObject().put("at", Instant.now().toString()).put("method", ctx.request().method().name())
          .put("route", template(ctx.request().method(), ctx.normalizedPath())).put("status", status);
      if (traceId != null) {
        error.put("traceId", traceId);
      }
      add(error);
    } catch (RuntimeException e) {
      LOG.warn("4xx/5xx answer not noted: {}", e.toString());
    }
  }

  /** A route template and the paths it matches ({@code :param} = one segment, trailing {@code *} = any rest). */
  private record Template(String path, Pattern pattern, Set<HttpMethod> methods) {}

  /**
   * The template of the most specific route matching the path — the error's answer may come from a
   * failure handler, which has no path of its own. Paths nothing matches read {@code (unmatched)}.
   */
  private String template(HttpMethod method, String path) {
    List<Template> known = templates;
    if (known == null) {
      known = routes.get().stream().filter(r -> r.getPath() != null)
          .map(r -> new Template(r.getPath() + (r.getPath().endsWith("/") && !r.getPath().equals("/") ? "*" : ""), pattern(r.getPath()),
              r.methods() == null ? Set.of() : Set.copyOf(r.methods())))
          .sorted(Comparator.comparing((Template t) -> t.path().endsWith("*")).thenComparing(t -> -t.path().length()))
          .toList();
      templates = known;
    }
    return known.stream().filter(t -> (t.methods().isEmpty() || t.methods().contains(method)) && t.pattern().matcher(path).matches())
        .map(Template::path).findFirst().orElse(UNMATCHED);
  }

  private static Pattern pattern(String path) {
    StringBuilder regex = new StringBuilder("^");
    String body = path.endsWith("/") && !path.equals("/") ? path.substring(0, path.length() - 1) : path;
    for (String segment : body.split("/", -1)) {
      if (regex.length() > 1) {
        regex.append('/');
      }
      regex.append(segment.startsWith(":") ? "[^/]+" : Pattern.quote(segment));
    }
    regex.append(body.equals(path) ? "$" : "(/.*)?$");
    return Pattern.compile(regex.toString());
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
