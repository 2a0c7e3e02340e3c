package io.meshwork.monitoring.slo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.meshwork.model.contract.DataContract;
import io.meshwork.model.document.DocumentFormat;
import io.meshwork.model.product.DataProduct;
import io.meshwork.monitoring.Monitoring;
import io.meshwork.monitoring.MonitoringSettings;
import io.meshwork.monitoring.ProductDirectory;
import io.meshwork.observability.Telemetry;
import io.meshwork.runtime.events.CloudEvent;
import io.meshwork.runtime.events.EventLog;
import io.meshwork.runtime.mongo.EmbeddedMongo;
import io.meshwork.runtime.mongo.MongoFactory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SLO monitoring over the embedded MongoDB-wire server, the real event log and event bus: a
 * product whose freshness SLA is breached opens incidents and emits sla.breached; a new batch
 * resolves them and emits sla.recovered; a restarted monitor keeps freshness and incidents.
 */
class SloMonitoringTest {

  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  private final Vertx vertx = Vertx.vertx();
  private final EmbeddedMongo mongo = EmbeddedMongo.inMemory("127.0.0.1");
  private final MongoClient client = MongoFactory.create(mongo.connectionString());
  private final MongoDatabase database = client.getDatabase("slo-test");
  private final Telemetry telemetry = Telemetry.start("slo-test");
  private final MutableClock clock = new MutableClock(T0);
  private EventLog events;
  private Monitoring monitoring;

  @BeforeEach
  void start() throws Exception {
    events = new EventLog(vertx, database);
    await(events.start());
    monitoring = startMonitoring();
  }

  @AfterEach
  void stop() throws Exception {
    monitoring.stop();
    await(vertx.close());
    client.close();
    mongo.close();
    telemetry.close();
  }

  @Test
  void aStaleProductOpensIncidentsAndANewBatchResolvesThem() throws Exception {
    assertThat(status()).as("no batch yet, not yet due").isEqualTo("pending");

    batchIngested(T0.plus(Duration.ofMinutes(5)), 1200);
    eventually(() -> "ok".equals(status()));
    JsonObject port = product().getJsonArray("ports").getJsonObject(0);
    assertThat(port.getJsonObject("lastBatch").getLong("rows")).isEqualTo(1200);
    assertThat(objective(port, "retention").getString("status")).isEqualTo("not-monitored");
    assertThat(telemetry.meters().scrape()).as("ingestion meters from the batch event")
        .contains("meshwork_ingestion_rows_total{domain=\"orders\",outcome=\"valid\"} 1200.0")
        .contains("meshwork_ingestion_batches_total{domain=\"orders\",outcome=\"committed\"} 1.0");

    clock.set(T0.plus(Duration.ofHours(30)));
    await(monitoring.evaluateNow());
    assertThat(status()).isEqualTo("breached");
    JsonObject latency = objective(product().getJsonArray("ports").getJsonObject(0), "latency");
    assertThat(latency.getString("reason")).contains("no batch committed for 29 h").contains("latency 1 d");
    assertThat(latency.getLong("measuredSeconds")).isEqualTo(Duration.ofHours(30).minusMinutes(5).toSeconds());

    List<JsonObject> open = incidents("open");
    assertThat(open).extracting(i -> i.getString("property")).containsExactlyInAnyOrder("latency", "frequency");
    assertThat(open).allSatisfy(i -> {
      assertThat(i.getString("product")).isEqualTo("orders-daily");
      assertThat(i.getString("port")).isEqualTo("order-lines");
      assertThat(i.getString("openedAt")).isEqualTo(T0.plus(Duration.ofHours(30)).toString());
    });
    List<CloudEvent> breached = events(Incidents.BREACHED);
    assertThat(breached).hasSize(2);
    assertThat(breached.get(0).subject()).isEqualTo("orders-daily");
    assertThat(breached.get(0).data().getString("reason")).contains("no batch committed");
    assertThat(breached.get(0).data().getString("incidentId")).startsWith("inc-");

    // a second evaluation, and a restarted node, neither reopen nor forget
    await(monitoring.evaluateNow());
    monitoring.stop();
    clock.set(T0.plus(Duration.ofHours(31)));
    monitoring = startMonitoring();
    assertThat(status()).isEqualTo("breached");
    assertThat(objective(product().getJsonArray("ports").getJsonObject(0), "latency").getLong("measuredSeconds"))
        .as("freshness from the persisted last batch").isEqualTo(Duration.ofHours(31).minusMinutes(5).toSeconds());
    assertThat(incidents("open")).hasSize(2);
    assertThat(events(Incidents.BREACHED)).hasSize(2);

    Instant fresh = T0.plus(Duration.ofHours(31));
    batchIngested(fresh, 900);
    eventually(() -> "ok".equals(status()));
    eventually(() -> events(Incidents.RECOVERED).size() == 2);
    assertThat(incidents("open")).isEmpty();
    List<JsonObject> resolved = incidents("resolved");
    assertThat(resolved).hasSize(2).allSatisfy(i -> {
      assertThat(i.getString("resolvedAt")).isEqualTo(fresh.toString());
      assertThat(i.getString("resolution")).startsWith("last batch committed");
    });
    assertThat(events(Incidents.RECOVERED).get(0).data().getString("openedAt")).isEqualTo(T0.plus(Duration.ofHours(30)).toString());
    assertThat(telemetry.meters().scrape()).contains("meshwork_slo_status{domain=\"orders\",product=\"orders-daily\"} 0.0");
  }

  @Test
  void aProductThatNeverReceivesDataBreachesOnceItsLatencyHasPassed() throws Exception {
    clock.set(T0.plus(Duration.ofHours(25)));
    await(monitoring.evaluateNow());
    assertThat(status()).isEqualTo("breached");
    assertThat(objective(product().getJsonArray("ports").getJsonObject(0), "latency").getString("reason"))
        .contains("no batch committed since monitoring began 25 h ago");
  }

  @Test
  void anEmptyBatchBreachesTheFrequencyObjective() throws Exception {
    batchIngested(T0.plus(Duration.ofMinutes(1)), 0);
    eventually(() -> "breached".equals(status()));
    JsonObject port = product().getJsonArray("ports").getJsonObject(0);
    assertThat(objective(port, "frequency").getString("reason")).contains("brought no rows");
    assertThat(objective(port, "latency").getString("status")).isEqualTo("ok");
  }

  @Test
  void filtersByDomainAndStatus() throws Exception {
    assertThat(monitoringRoutesView("orders", null)).hasSize(1);
    assertThat(monitoringRoutesView("carts", null)).isEmpty();
    assertThat(monitoringRoutesView(null, SloStatus.BREACHED)).isEmpty();
    assertThat(monitoringRoutesView(null, SloStatus.PENDING)).hasSize(1);
  }

  private List<JsonObject> monitoringRoutesView(String domain, SloStatus status) {
    return monitor.statuses(domain, status);
  }

  private SloMonitor monitor;

  private Monitoring startMonitoring() throws Exception {
    MonitoringSettings settings = MonitoringSettings.defaults().withPeriods(Duration.ofHours(1), Duration.ofHours(1));
    Monitoring started = new Monitoring(vertx, database, new Directory(), events, telemetry.meters(), telemetry.metrics(), settings, clock);
    await(started.start());
    monitor = started.sloMonitor();
    return started;
  }

  private void batchIngested(Instant committedAt, long rows) throws Exception {
    await(events.append(CloudEvent.of("/test/dataplane", SloMonitor.BATCH_INGESTED, "orders-daily", new JsonObject()
        .put("domain", "orders").put("product", "orders-daily").put("port", "order-lines").put("major", 1)
        .put("batchId", "b-" + committedAt.toEpochMilli()).put("seq", 1).put("rowsValid", rows).put("rowsQuarantined", 0)
        .put("committedAt", committedAt.toString()).put("source", "upload").put("durationMs", 12))));
  }

  private JsonObject product() {
    return monitor.statuses(null, null).stream().filter(p -> p.getString("product").equals("orders-daily")).findFirst().orElseThrow();
  }

  private String status() {
    return product().getString("status");
  }

  private static JsonObject objective(JsonObject port, String property) {
    return port.getJsonArray("objectives").stream().map(JsonObject.class::cast)
        .filter(o -> o.getString("property").equals(property)).findFirst().orElseThrow();
  }

  private List<JsonObject> incidents(String status) {
    try {
      return await(monitoring.incidents().list("orders-daily", status, 100));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private List<CloudEvent> events(String type) {
    try {
      return await(events.read(0, type, 500)).items();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void eventually(Supplier<Boolean> condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (!condition.get()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(20);
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  /** The catalog's answers for one demo product and its contract (the demo files of ./meshwork up). */
  private static final class Directory implements ProductDirectory {
    private final DataProduct product = DataProduct.from(yaml("""
        apiVersion: v1.0.0
        kind: DataProduct
        id: orders-daily
        name: Daily orders
        status: active
        domain: orders
        outputPorts:
          - name: order-lines
            type: tables
            version: 1.0.0
            contractId: order-lines-v1
        """));
    private final DataContract contract = DataContract.from(yaml("""
        apiVersion: v3.1.0
        kind: DataContract
        id: order-lines-v1
        name: Order lines
        version: 1.0.0
        status: active
        domain: orders
        dataProduct: orders-daily
        schema:
          - name: order_lines
            logicalType: object
            properties:
              - name: order_id
                logicalType: string
        slaProperties:
          - property: latency
            value: 1
            unit: d
          - property: frequency
            value: 1
            unit: d
          - property: retention
            value: 2
            unit: y
        """));

    private static com.fasterxml.jackson.databind.JsonNode yaml(String text) {
      return DocumentFormat.YAML.read(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Future<List<DataProduct>> products() {
      return Future.succeededFuture(List.of(product));
    }

    @Override
    public Future<Optional<DataProduct>> product(String id) {
      return Future.succeededFuture(Optional.of(product).filter(p -> p.id().equals(id)));
    }

    @Override
    public Future<Optional<DataContract>> contract(String id) {
      return Future.succeededFuture(Optional.of(contract).filter(c -> c.id().equals(id)));
    }
  }

  private static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
