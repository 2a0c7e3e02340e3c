package io.meshwork.monitoring.slo;

import io.meshwork.model.error.NotFoundException;
import io.meshwork.monitoring.ProductDirectory;
import io.meshwork.monitoring.Query;
import io.meshwork.monitoring.usage.UsageStore;
import io.meshwork.monitoring.usage.UsageStore.Interval;
import io.meshwork.observability.Spans;
import io.meshwork.runtime.auth.Caller;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * SLO status, incidents and usage, for any signed-in user — consumers choose products by their
 * SLA and popularity: {@code GET /api/v1/slo?domain=&status=}, {@code GET /api/v1/slo/incidents?product=&status=&limit=},
 * {@code GET /api/v1/products/{id}/usage?from=&to=&interval=}. Usage counts consumers for everyone;
 * only the owners of the product's domain and mesh admins also see who they are.
 */
public final class SloRoutes {

  private static final Duration MAX_USAGE_WINDOW = Duration.ofDays(400);

  private final SloMonitor monitor;
  private final Incidents incidents;
  private final UsageStore usage;
  private final ProductDirectory directory;

  public SloRoutes(SloMonitor monitor, Incidents incidents, UsageStore usage, ProductDirectory directory) {
    this.monitor = monitor;
    this.incidents = incidents;
    this.usage = usage;
    this.directory = directory;
  }

  public void mount(Router router) {
    router.get("/api/v1/slo").handler(this::status);
    router.get("/api/v1/slo/incidents").handler(this::incidents);
    router.get("/api/v1/products/:id/usage").handler(this::usage);
  }

  private void status(RoutingContext ctx) {
    Query query = new Query(ctx);
    String domain = query.name("domain");
    SloStatus status = query.oneOf("status", SloStatus::fromWire, "ok, pending, breached, not-monitored");
    query.check();
    ctx.json(new JsonObject().put("items", new JsonArray(monitor.statuses(domain, status))));
  }

  private void incidents(RoutingContext ctx) {
    Query query = new Query(ctx);
    String product = query.name("product");
    String status = query.oneOf("status", s -> Optional.of(s).filter(v -> v.equals("open") || v.equals("resolved")), "open, resolved");
    int limit = query.integer("limit", 1, Incidents.MAX_LIMIT, 100);
    query.check();
    if (product != null) {
      Spans.tagCurrent(null, product, null);
    }
    incidents.list(product, status, limit)
        .onSuccess(items -> ctx.json(new JsonObject().put("items", new JsonArray(items))))
        .onFailure(ctx::fail);
  }

  private void usage(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    String id = ctx.pathParam("id");
    Query query = new Query(ctx);
    Instant to = query.instant("to", Instant.now());
    Instant from = query.instant("from", to.minus(Duration.ofDays(7)));
    Interval interval = query.oneOf("interval",
        s -> Arrays.stream(Interval.values()).filter(i -> i.name().toLowerCase(Locale.ROOT).equals(s)).findFirst(), "hour, day");
    query.window(from, to, MAX_USAGE_WINDOW);
    query.check();
    directory.product(id)
        .compose(found -> {
          var product = found.orElseThrow(() -> new NotFoundException("Product " + id + " is not registered"));
          Spans.tagCurrent(product.domain(), product.id(), null);
          boolean owner = caller.administers(product.domain());
          return usage.usage(id, from, to, interval == null ? Interval.DAY : interval, owner);
        })
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }
}
