package io.meshwork.quality.run;

import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import io.meshwork.quality.QualityScore;
import io.meshwork.quality.schedule.CronParser;
import io.meshwork.quality.schedule.QualityScheduler;
import io.meshwork.runtime.auth.Caller;
import io.meshwork.runtime.web.JsonBody;
import io.meshwork.runtime.web.QueryParams;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code GET /api/v1/products/{id}/quality} (latest run per port with per-rule results, score,
 * history, the rules' schedules), {@code POST /api/v1/products/{id}/quality/runs} (run now over the snapshot) and
 * {@code GET /api/v1/quality/benchmarks} (scores across the mesh and its domains). Results hold
 * counts, never data values, so every signed-in user may read them, like the catalog.
 */
public final class QualityRoutes {

  private final QualityRuns runs;
  private final QualityRunRepository repository;
  private final QualityTargets targets;
  private final CronParser cron;

  public QualityRoutes(QualityRuns runs, QualityRunRepository repository, QualityTargets targets, CronParser cron) {
    this.runs = runs;
    this.repository = repository;
    this.targets = targets;
    this.cron = cron;
  }

  public void mount(Router router) {
    router.get("/api/v1/products/:id/quality").handler(this::product);
    router.post("/api/v1/products/:id/quality/runs").handler(this::runNow);
    router.get("/api/v1/quality/benchmarks").handler(this::benchmarks);
  }

  private void product(RoutingContext ctx) {
    Caller.of(ctx);
    String id = ctx.pathParam("id");
    String port = ctx.request().getParam("port");
    int offset = QueryParams.intParam(ctx, "offset", 0, 0, QualityRunRepository.KEEP);
    int limit = QueryParams.intParam(ctx, "limit", 20, 1, 100);
    Instant now = Instant.now();
    targets.product(id)
        .compose(product -> Future.all(repository.latest(id), repository.history(id, port, offset, limit)).map(both -> {
          List<QualityRun> latest = both.resultAt(0);
          QualityRunRepository.Page page = both.resultAt(1);
          JsonObject score = productScore(latest.stream().map(r -> r.score(now)).toList());
          JsonArray ports = new JsonArray();
          latest.forEach(r -> ports.add(r.toJson(now, true)));
          JsonArray history = new JsonArray();
          page.items().forEach(r -> history.add(r.toJson(now, false)));
          return new JsonObject()
              .put("productId", id)
              .put("domain", product.domain())
              .put("score", score.getValue("score"))
              .put("dimensions", score.getJsonObject("dimensions"))
              .put("latest", ports)
              .put("schedules", QualityScheduler.declared(product, cron))
              .put("history", new JsonObject().put("items", history).put("total", page.total()).put("offset", offset).put("limit", limit));
        }))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  private void runNow(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    JsonObject body = JsonBody.optional(ctx);
    Object port = body == null ? null : body.getValue("port");
    if (port != null && !(port instanceof String)) {
      throw new InvalidException("Invalid quality run", List.of(new Violation("/port", "must be the name of an output port")));
    }
    Instant now = Instant.now();
    runs.runNow(caller, ctx.pathParam("id"), (String) port)
        .onSuccess(done -> {
          JsonArray items = new JsonArray();
          done.forEach(r -> items.add(r.toJson(now, true)));
          ctx.response().setStatusCode(201);
          ctx.json(new JsonObject().put("items", items));
        })
        .onFailure(ctx::fail);
  }

  private void benchmarks(RoutingContext ctx) {
    Caller.of(ctx);
    String domain = ctx.request().getParam("domain");
    Instant now = Instant.now();
    repository.latestOfAll(null).onSuccess(all -> ctx.json(benchmarks(all, domain, now))).onFailure(ctx::fail);
  }

  /**
   * Every product's score (the mean over its ports' latest runs), ranked across the mesh and within
   * its domain, with the mesh's and each domain's mean and median.
   */
  static JsonObject benchmarks(List<QualityRun> latest, String domainFilter, Instant now) {
    Map<String, List<QualityRun>> byProduct = latest.stream().collect(Collectors.groupingBy(QualityRun::productId, TreeMap::new, Collectors.toList()));
    List<JsonObject> products = new ArrayList<>();
    byProduct.forEach((product, ports) -> {
      JsonObject score = productScore(ports.stream().map(r -> r.score(now)).toList());
      products.add(new JsonObject().put("productId", product).put("domain", ports.get(0).domain())
          .put("score", score.getValue("score")).put("dimensions", score.getJsonObject("dimensions"))
          .put("lastRunAt", ports.stream().map(QualityRun::at).max(Comparator.naturalOrder()).orElseThrow().toString()));
    });
    List<JsonObject> scored = products.stream().filter(p -> p.getValue("score") != null)
        .sorted(Comparator.comparingDouble((JsonObject p) -> p.getDouble("score")).reversed()).toList();
    for (int i = 0; i < scored.size(); i++) {
      JsonObject p = scored.get(i);
      p.put("meshRank", i + 1);
      // share of the mesh's scored products this one does at least as well as
      double score = p.getDouble("score");
      long notBetter = scored.stream().filter(o -> o.getDouble("score") <= score).count();
      p.put("meshPercentile", Math.round(1000.0 * notBetter / scored.size()) / 10.0);
    }
    Map<String, List<JsonObject>> byDomain = products.stream().collect(Collectors.groupingBy(p -> p.getString("domain"), TreeMap::new, Collectors.toList()));
    JsonArray domains = new JsonArray();
    byDomain.forEach((domain, members) -> {
      List<JsonObject> ranked = members.stream().filter(p -> p.getValue("score") != null)
          .sorted(Comparator.comparingDouble((JsonObject p) -> p.getDouble("score")).reversed()).toList();
      for (int i = 0; i < ranked.size(); i++) {
        ranked.get(i).put("domainRank", i + 1);
      }
      if (domainFilter == null || domainFilter.equals(domain)) {
        domains.add(summary(members).put("domain", domain));
      }
    });
    JsonArray listed = new JsonArray();
    products.stream().filter(p -> domainFilter == null || domainFilter.equals(p.getString("domain")))
        .sorted(Comparator.comparing((JsonObject p) -> p.getInteger("meshRank", Integer.MAX_VALUE)).thenComparing(p -> p.getString("productId")))
        .forEach(listed::add);
    return new JsonObject().put("mesh", summary(products)).put("domains", domains).put("products", listed);
  }

  private static JsonObject summary(List<JsonObject> products) {
    List<Double> scores = products.stream().map(p -> p.getDouble("score")).filter(Objects::nonNull).sorted().toList();
    JsonObject dims = new JsonObject();
    for (String d : QualityScore.DIMENSIONS) {
      List<Double> values = products.stream().map(p -> p.getJsonObject("dimensions").getDouble(d)).filter(Objects::nonNull).toList();
      dims.put(d, values.isEmpty() ? null : round(values.stream().mapToDouble(Double::doubleValue).average().orElseThrow()));
    }
    Double median = scores.isEmpty() ? null
        : scores.size() % 2 == 1 ? scores.get(scores.size() / 2) : round((scores.get(scores.size() / 2 - 1) + scores.get(scores.size() / 2)) / 2);
    return new JsonObject()
        .put("products", products.size())
        .put("scored", scores.size())
        .put("meanScore", scores.isEmpty() ? null : round(scores.stream().mapToDouble(Double::doubleValue).average().orElseThrow()))
        .put("medianScore", median)
        .put("dimensions", dims);
  }

  /** A product's score and dimensions: the means over its ports' latest runs. */
  static JsonObject productScore(List<QualityScore> ports) {
    Map<String, Double> dims = new LinkedHashMap<>();
    JsonObject dimensions = new JsonObject();
    for (String d : QualityScore.DIMENSIONS) {
      List<Double> values = ports.stream().map(s -> s.dimensions().get(d)).filter(Objects::nonNull).toList();
      Double mean = values.isEmpty() ? null : round(values.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
      dims.put(d, mean);
      dimensions.put(d, mean);
    }
    List<Double> scores = ports.stream().map(QualityScore::score).filter(Objects::nonNull).toList();
    return new JsonObject()
        .put("score", scores.isEmpty() ? null : round(scores.stream().mapToDouble(Double::doubleValue).average().orElseThrow()))
        .put("dimensions", dimensions);
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
