package io.meshwork.monitoring;

import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import io.meshwork.runtime.web.QueryParams;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The query parameters of the monitoring routes, read and checked once: every problem is
 * collected and reported together as one 400 with a pointer per parameter.
 */
public final class Query {

  /** Ids, names and route templates as the catalog and the router write them; nothing else reaches a filter. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:/{}-]{1,200}");

  private final RoutingContext ctx;
  private final List<Violation> violations = new ArrayList<>();

  public Query(RoutingContext ctx) {
    this.ctx = ctx;
  }

  /** An optional name-like parameter. */
  public String name(String param) {
    String value = ctx.request().getParam(param);
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (!NAME.matcher(value).matches()) {
      violations.add(new Violation("/" + param, "must be 1–200 letters, digits or . _ : / { } -"));
      return null;
    }
    return value;
  }

  /** An optional parameter that must be one of a fixed set (parsed by {@code parse}, empty when unknown). */
  public <T> T oneOf(String param, Function<String, java.util.Optional<T>> parse, String allowed) {
    String value = ctx.request().getParam(param);
    if (value == null || value.isEmpty()) {
      return null;
    }
    var parsed = parse.apply(value);
    if (parsed.isEmpty()) {
      violations.add(new Violation("/" + param, "must be one of " + allowed));
      return null;
    }
    return parsed.get();
  }

  /** An ISO-8601 instant, or {@code fallback}. */
  public Instant instant(String param, Instant fallback) {
    String value = ctx.request().getParam(param);
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      violations.add(new Violation("/" + param, "must be an ISO-8601 instant, e.g. 2026-01-31T12:00:00Z"));
      return fallback;
    }
  }

  public int integer(String param, int min, int max, int fallback) {
    return QueryParams.intParam(ctx, param, fallback, min, max, violations);
  }

  /** Checks that {@code from} is before {@code to} and the window is at most {@code max}. */
  public void window(Instant from, Instant to, Duration max) {
    if (!from.isBefore(to)) {
      violations.add(new Violation("/from", "must be before to"));
    } else if (Duration.between(from, to).compareTo(max) > 0) {
      violations.add(new Violation("/from", "the window may span at most " + max.toHours() + " h"));
    }
  }

  /** Throws the collected violations as one 400. */
  public void check() {
    if (!violations.isEmpty()) {
      throw new InvalidException("Invalid query parameter", violations);
    }
  }
}
