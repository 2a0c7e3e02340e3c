package io.meshwork.monitoring.slo;

import io.meshwork.model.contract.DataContract;
import io.meshwork.model.lifecycle.Lifecycle;
import io.meshwork.model.product.DataProduct;
import io.meshwork.monitoring.ProductDirectory;
import io.meshwork.monitoring.slo.Incidents.ObjectiveKey;
import io.meshwork.observability.MeshMetrics;
import io.meshwork.runtime.events.EventLog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches every active product's SLA: on a timer (all products) and on every batch event (that
 * product at once). Each output port's contract gives the objectives ({@link SlaObjective}); the
 * port's batch history ({@link BatchHistory}) gives what happened; {@link Verdict#judge} decides;
 * {@link Incidents} opens and resolves incidents. The latest status of each product is kept in
 * memory for {@code GET /api/v1/slo} and the {@code meshwork_slo_status} gauge.
 */
public final class SloMonitor {

  public static final String BATCH_INGESTED = "io.meshwork.batch.ingested";
  public static final String BATCH_QUARANTINED = "io.meshwork.batch.quarantined";
  private static final String PRODUCT_EVENTS = "io.meshwork.dataproduct.";
  private static final String CONTRACT_EVENTS = "io.meshwork.contract.";
  private static final Logger LOG = LoggerFactory.getLogger(SloMonitor.class);

  private final Vertx vertx;
  private final ProductDirectory directory;
  private final BatchHistory history;
  private final Incidents incidents;
  private final MeshMetrics metrics;
  private final Clock clock;
  private final Map<String, JsonObject> latest = new ConcurrentHashMap<>();
  private long timer = -1;

  public SloMonitor(Vertx vertx, ProductDirectory directory, BatchHistory history, Incidents incidents, MeshMetrics metrics, Clock clock) {
    this.vertx = vertx;
    this.directory = directory;
    this.history = history;
    this.incidents = incidents;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Listens to batch events and evaluates every {@code period}; completes after a first evaluation. */
  public Future<Void> start(Duration period) {
    vertx.eventBus().<JsonObject>consumer(EventLog.ADDRESS, message -> onEvent(message.body()));
    timer = vertx.setPeriodic(period.toMillis(), id -> evaluateAll()
        .onFailure(err -> LOG.warn("SLO evaluation failed: {}", err.toString())));
    return incidents.start().compose(v -> evaluateAll()
        .recover(err -> {
          LOG.warn("first SLO evaluation failed: {}", err.toString());
          return Future.succeededFuture();
        }));
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** The latest status of the products, optionally of one domain and/or status, by product id. */
  public List<JsonObject> statuses(String domain, SloStatus status) {
    return latest.values().stream()
        .filter(p -> domain == null || domain.equals(p.getString("domain")))
        .filter(p -> status == null || status.wire().equals(p.getString("status")))
        .sorted(Comparator.comparing(p -> p.getString("product")))
        .toList();
  }

  /** Counts of products per status, for the telemetry samples. */
  public Map<String, Integer> counts() {
    Map<String, Integer> counts = new java.util.TreeMap<>();
    for (SloStatus s : SloStatus.values()) {
      counts.put(s.wire(), 0);
    }
    latest.values().forEach(p -> counts.merge(p.getString("status"), 1, Integer::sum));
    return counts;
  }

  /** Evaluates every active product now. */
  public Future<Void> evaluateAll() {
    return Future.all(directory.products(), history.all()).compose(both -> {
      List<DataProduct> products = both.resultAt(0);
      Map<String, PortActivity> activity = both.resultAt(1);
      latest.keySet().retainAll(products.stream().filter(SloMonitor::watched).map(DataProduct::id).toList());
      List<Future<?>> evaluations = new ArrayList<>();
      for (DataProduct product : products) {
        if (watched(product)) {
          evaluations.add(evaluate(product, activity));
        }
      }
      return Future.join(evaluations).mapEmpty();
    });
  }

  private void onEvent(JsonObject event) {
    String type = event.getString("type", "");
    JsonObject data = event.getJsonObject("data", new JsonObject());
    if (type.startsWith(PRODUCT_EVENTS) || type.startsWith(CONTRACT_EVENTS)) {
      // a product registered, activated or changed, or its contract's SLA changed: judge it now, not at the next tick
      evaluateAll().onFailure(err -> LOG.warn("SLO evaluation after {} failed: {}", type, err.toString()));
      return;
    }
    String product = data.getString("product");
    String port = data.getString("port");
    if (product == null || port == null || !(type.equals(BATCH_INGESTED) || type.equals(BATCH_QUARANTINED))) {
      return;
    }
    Instant at = instant(data.getString("committedAt"), event.getString("time"));
    Future<Void> recorded = type.equals(BATCH_INGESTED)
        ? history.committed(product, port, data.getString("batchId", "?"), data.getLong("rowsValid", 0L), at)
        : history.quarantined(product, port, at);
    recorded
        .compose(v -> Future.all(directory.product(product), history.all()))
        .compose(both -> {
          Optional<DataProduct> found = both.resultAt(0);
          return found.filter(SloMonitor::watched).map(p -> evaluate(p, both.resultAt(1))).orElse(Future.succeededFuture());
        })
        .onFailure(err -> LOG.warn("SLO update after {} of {}/{} failed: {}", type, product, port, err.toString()));
  }

  private Future<Void> evaluate(DataProduct product, Map<String, PortActivity> activity) {
    Instant now = clock.instant();
    List<Future<JsonObject>> ports = product.outputPorts().stream()
        .filter(port -> port.contractId() != null)
        .map(port -> directory.contract(port.contractId())
            .compose(contract -> known(product, port.name(), activity, now)
                .compose(seen -> evaluatePort(product, port.name(), contract, seen, now))))
        .toList();
    return Future.all(ports).map(done -> {
      JsonArray portsJson = new JsonArray();
      SloStatus status = SloStatus.NOT_MONITORED;
      for (int i = 0; i < ports.size(); i++) {
        JsonObject port = ports.get(i).result();
        portsJson.add(port);
        status = status.worse(SloStatus.fromWire(port.getString("status")).orElse(SloStatus.NOT_MONITORED));
      }
      latest.put(product.id(), new JsonObject().put("product", product.id()).put("domain", product.domain())
          .put("status", status.wire()).put("evaluatedAt", now.toString()).put("ports", portsJson));
      metrics.sloStatus(product.domain(), product.id(), status.level());
      return null;
    });
  }

  private Future<PortActivity> known(DataProduct product, String port, Map<String, PortActivity> activity, Instant now) {
    PortActivity seen = activity.get(BatchHistory.key(product.id(), port));
    return seen != null && seen.firstSeenAt() != null ? Future.succeededFuture(seen) : history.watch(product.id(), port, now);
  }

  private Future<JsonObject> evaluatePort(DataProduct product, String port, Optional<DataContract> contract, PortActivity activity, Instant now) {
    JsonObject json = new JsonObject().put("port", port);
    if (activity.hasBatch()) {
      json.put("lastBatch", new JsonObject().put("id", activity.lastBatchId()).put("committedAt", activity.lastBatchAt().toString())
          .put("rows", activity.lastRows()));
      json.put("freshnessSeconds", Math.max(0, Duration.between(activity.lastBatchAt(), now).toSeconds()));
    }
    if (contract.isEmpty()) {
      return Future.succeededFuture(json.put("status", SloStatus.NOT_MONITORED.wire()).put("objectives", new JsonArray()));
    }
    json.put("contract", contract.get().id());
    JsonArray objectives = new JsonArray();
    List<Future<Void>> transitions = new ArrayList<>();
    SloStatus status = SloStatus.NOT_MONITORED;
    for (var sla : contract.get().slaProperties()) {
      SlaObjective objective = SlaObjective.of(sla);
      Verdict verdict = Verdict.judge(objective, activity, now);
      status = status.worse(verdict.status());
      objectives.add(verdict.toJson().put("property", objective.property()).put("value", objective.value()).put("unit", objective.unit()));
      if (objective.monitored()) {
        transitions.add(incidents.observe(new ObjectiveKey(product.domain(), product.id(), port, objective.property()), objective, verdict, now));
      }
    }
    json.put("status", status.wire()).put("objectives", objectives);
    return Future.all(transitions).map(json);
  }

  private static boolean watched(DataProduct product) {
    return product.status() == Lifecycle.ACTIVE || product.status() == Lifecycle.DEPRECATED;
  }

  private static Instant instant(String preferred, String fallback) {
    for (String text : new String[] {preferred, fallback}) {
      if (text != null) {
        try {
          return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException ignored) {
          // try the next one
        }
      }
    }
    return Instant.now();
  }
}
