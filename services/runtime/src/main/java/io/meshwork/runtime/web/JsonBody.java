package io.meshwork.runtime.web;

import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** Reading a request's JSON object body the same way on every route: bad JSON is a 400 at pointer "". */
public final class JsonBody {

  private JsonBody() {}

  /** The body as a JSON object, or null when the request has none. */
  public static JsonObject optional(RoutingContext ctx) {
    try {
      return ctx.body().buffer() == null || ctx.body().length() == 0 ? null : ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      throw new InvalidException("The body is not a JSON object", List.of(new Violation("", "not a valid JSON object")));
    }
  }

  /** The body as a JSON object; an empty body is a 400 too. */
  public static JsonObject required(RoutingContext ctx) {
    JsonObject body = optional(ctx);
    if (body == null) {
      throw new InvalidException("A JSON object is required", List.of(new Violation("", "the body is empty")));
    }
    return body;
  }
}
