package io.meshwork.runtime.web;

import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading a numeric query parameter the same way on every route: absent or empty means the
 * default; anything else must be a whole number in range, or it is a 400 whose violation points
 * at the parameter and names the accepted range.
 */
public final class QueryParams {

  private QueryParams() {}

  /** The parameter's value, or {@code fallback}; a bad value fails at once with a 400. */
  public static int intParam(RoutingContext ctx, String name, int fallback, int min, int max) {
    List<Violation> violations = new ArrayList<>(1);
    int value = intParam(ctx, name, fallback, min, max, violations);
    if (!violations.isEmpty()) {
      throw new InvalidException("Invalid query parameter", violations);
    }
    return value;
  }

  /**
   * The parameter's value, or {@code fallback}; a bad value is added to {@code violations} (and
   * {@code fallback} returned) so a route can report every bad parameter in one 400.
   */
  public static int intParam(RoutingContext ctx, String name, int fallback, int min, int max, List<Violation> violations) {
    return (int) longParam(ctx, name, fallback, min, max, violations);
  }

  /** As {@link #intParam(RoutingContext, String, int, int, int, List)}, for cursors beyond {@code int}. */
  public static long longParam(RoutingContext ctx, String name, long fallback, long min, long max, List<Violation> violations) {
    String raw = ctx.queryParams().get(name);
    if (raw == null || raw.isEmpty()) {
      return fallback;
    }
    try {
      long value = Long.parseLong(raw);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException ignored) {
      // reported below, with the accepted range
    }
    violations.add(new Violation("/" + name, "must be a whole number between " + min + " and " + max));
    return fallback;
  }
}
