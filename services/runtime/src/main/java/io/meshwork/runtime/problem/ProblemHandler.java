package io.meshwork.runtime.problem;

import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.MeshworkException;
import io.meshwork.observability.Telemetry;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP responses: RFC 9457 problem+json with the trace id,
 * for domain failures, for Vert.x's own (unknown route, wrong method, body too large) and for
 * bugs. A bug answers 500 with no internals; its stack trace goes to the log under the same
 * trace id.
 */
public final class ProblemHandler implements Handler<RoutingContext> {

  public static final String MEDIA_TYPE = "application/problem+json";
  private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.response().headWritten()) {
      // too late for a body: the client sees a cut response, the log says why
      LOG.warn("failure after the response started: {}", String.valueOf(ctx.failure()));
      ctx.response().reset();
      return;
    }
    Throwable failure = ctx.failure();
    JsonObject problem;
    if (failure instanceof MeshworkException known) {
      problem = problem(known.status(), known.title(), known.getMessage(), ctx);
      // extension members (RFC 9457 §3.2) never overwrite the standard ones
      for (var member : known.extensions().entrySet()) {
        if (!problem.containsKey(member.getKey())) {
          problem.put(member.getKey(), member.getValue());
        }
      }
      if (known instanceof InvalidException invalid && !invalid.violations().isEmpty()) {
        JsonArray errors = new JsonArray();
        invalid.violations().forEach(v -> errors.add(new JsonObject().put("pointer", v.pointer()).put("reason", v.reason())));
        problem.put("errors", errors);
      }
      if (known.status() == 401) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"meshwork\"");
      }
    } else if (failure instanceof HttpException http && http.getStatusCode() < 500) {
      problem = forStatus(http.getStatusCode(), ctx);
    } else if (failure == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      problem = forStatus(ctx.statusCode(), ctx);
    } else {
      LOG.error("unexpected failure on {} {}", ctx.request().method(), ctx.request().path(), failure);
      problem = problem(500, "Internal error", "An unexpected error occurred. Quote the trace id when reporting it.", ctx);
    }
    send(ctx, problem);
  }

  /** Problems for statuses Vert.x raises itself (no route, wrong method, body too large…). */
  public static JsonObject forStatus(int status, RoutingContext ctx) {
    return switch (status) {
      case 404 -> problem(404, "Not found", "No resource at " + ctx.request().path(), ctx);
      case 405 -> problem(405, "Method not allowed", ctx.request().method() + " is not supported on " + ctx.request().path(), ctx);
      case 413 -> problem(413, "Payload too large", "The request body exceeds the limit of this endpoint", ctx);
      case 415 -> problem(415, "Unsupported media type", "Send application/json or application/yaml", ctx);
      case 401 -> problem(401, "Unauthorized", "No valid bearer token was presented", ctx);
      default -> problem(status, "Bad request", "The request could not be understood", ctx);
    };
  }

  public static JsonObject problem(int status, String title, String detail, RoutingContext ctx) {
    JsonObject problem = new JsonObject()
        .put("type", "about:blank")
        .put("title", title)
        .put("status", status)
        .put("detail", detail)
        .put("instance", ctx.request().path());
    String traceId = Telemetry.currentTraceId();
    if (traceId != null) {
      problem.put("traceId", traceId);
    }
    return problem;
  }

  public static void send(RoutingContext ctx, JsonObject problem) {
    ctx.response()
        .setStatusCode(problem.getInteger("status"))
        .putHeader("Content-Type", MEDIA_TYPE)
        .end(problem.encode());
  }

  /** Installs this handler for failures and for the statuses the router raises on its own. */
  public void install(io.vertx.ext.web.Router router) {
    router.route().failureHandler(this);
    for (int status : new int[] {400, 401, 404, 405, 413, 415}) {
      router.errorHandler(status, ctx -> send(ctx, forStatus(status, ctx)));
    }
    router.errorHandler(500, this);
  }
}
