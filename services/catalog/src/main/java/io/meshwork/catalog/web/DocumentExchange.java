package io.meshwork.catalog.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.model.document.DocumentFormat;
import io.meshwork.model.lifecycle.Change;
import io.meshwork.runtime.web.QueryParams;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * What every catalog route that takes or returns a standard document (ODPS, ODCS) does the same
 * way: read the body in the format its Content-Type names, answer in the format Accept names,
 * and read paging parameters with one error shape.
 */
public final class DocumentExchange {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  private DocumentExchange() {}

  /** The request body as a document tree; unparsable or empty bodies fail with a 400. */
  public static JsonNode body(RoutingContext ctx) {
    DocumentFormat format = DocumentFormat.fromMediaType(ctx.request().getHeader("Content-Type"));
    byte[] body = ctx.body().buffer() == null ? null : ctx.body().buffer().getBytes();
    return format.read(body);
  }

  /** Answers with a document, as JSON or as YAML when the client accepts YAML. */
  public static void respond(RoutingContext ctx, int status, String location, JsonNode document) {
    DocumentFormat format = DocumentFormat.fromMediaType(ctx.request().getHeader("Accept"));
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", format.mediaType())
        .putHeader("Location", location)
        .end(format.write(document));
  }

  /**
   * A dry run's answer: {@code outcome} create, update or unchanged, and the changes it would make
   * ({@code breaking} when any would break consumers).
   */
  public static JsonObject dryRun(String kind, String id, String outcome, List<Change> changes) {
    JsonArray list = new JsonArray();
    changes.forEach(c -> list.add(new JsonObject(c.toMap())));
    return new JsonObject().put("dryRun", true).put("kind", kind).put("id", id).put("outcome", outcome)
        .put("valid", true).put("breaking", changes.stream().anyMatch(Change::breaking)).put("changes", list);
  }

  public static int offset(RoutingContext ctx) {
    return QueryParams.intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
  }

  public static int limit(RoutingContext ctx) {
    return QueryParams.intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
  }
}
