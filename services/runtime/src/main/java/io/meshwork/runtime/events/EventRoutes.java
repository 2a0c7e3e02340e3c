package io.meshwork.runtime.events;

import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import io.meshwork.runtime.auth.Caller;
import io.meshwork.runtime.web.QueryParams;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/events?after=&type=&limit=}: the feed, for any signed-in user (the router
 * authenticates {@code /api/*}); the readers named in read events only for their product's owners. Answers CloudEvents in structured JSON mode and the cursor to
 * continue from; polling with the last {@code next} yields each event once, in order.
 */
public final class EventRoutes {

  public static final String OPENAPI = "openapi/events.json";
  private static final int DEFAULT_LIMIT = 100;
  /** Reverse-DNS type prefixes; nothing a regular expression would read as syntax but the dot. */
  private static final Pattern TYPE_PREFIX = Pattern.compile("[A-Za-z0-9.-]{1,200}");

  private static final String READS = "io.meshwork.query.";

  private final EventLog log;

  public EventRoutes(EventLog log) {
    this.log = log;
  }

  public void mount(Router router) {
    router.get("/api/v1/events").handler(this::read);
  }

  private void read(RoutingContext ctx) {
    List<Violation> violations = new ArrayList<>();
    long after = QueryParams.longParam(ctx, "after", 0, 0, Long.MAX_VALUE, violations);
    int limit = QueryParams.intParam(ctx, "limit", DEFAULT_LIMIT, 1, EventLog.MAX_LIMIT, violations);
    String type = ctx.request().getParam("type");
    if (type != null && !TYPE_PREFIX.matcher(type).matches()) {
      violations.add(new Violation("/type", "must be an event type or its prefix, e.g. io.meshwork.access"));
    }
    if (!violations.isEmpty()) {
      throw new InvalidException("Invalid query parameter", violations);
    }
    Caller caller = Caller.of(ctx);
    log.read(after, type, limit)
        .onSuccess(page -> ctx.json(new JsonObject()
            .put("items", new JsonArray(page.items().stream().map(e -> visibleTo(caller, e.toJson())).toList()))
            .put("next", Long.toString(page.next()))))
        .onFailure(ctx::fail);
  }

  /**
   * Who read a product ({@code io.meshwork.query.*}: subject, username) is for the owners of its
   * domain and mesh admins, as in the product's usage; everyone else sees the read without the reader.
   */
  static JsonObject visibleTo(Caller caller, JsonObject event) {
    JsonObject data = event.getValue("data") instanceof JsonObject d ? d : null;
    if (data == null || !event.getString("type", "").startsWith(READS) || caller.administers(data.getString("domain"))) {
      return event;
    }
    JsonObject redacted = data.copy();
    redacted.remove("subject");
    redacted.remove("username");
    return event.copy().put("data", redacted);
  }
}
