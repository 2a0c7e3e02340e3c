package io.meshwork.quality.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.meshwork.model.contract.DataContract;
import io.meshwork.model.error.ForbiddenException;
import io.meshwork.model.error.NotFoundException;
import io.meshwork.observability.MeshMetrics;
import io.meshwork.observability.Spans;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.meshwork.quality.QualityEngine;
import io.meshwork.quality.QualityReport;
import io.meshwork.quality.schedule.CronParser;
import io.meshwork.quality.schedule.QualityScheduler;
import io.meshwork.runtime.auth.Caller;
import io.meshwork.runtime.events.CloudEvent;
import io.meshwork.runtime.events.EventLog;
import io.meshwork.runtime.mongo.EmbeddedMongo;
import io.meshwork.runtime.mongo.MongoFactory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs over a port's snapshot in a DuckDB file laid out as the data plane lays it out (data table
 * per port and major with {@code _batch}, batch register), history in the embedded MongoDB-wire
 * server, events in the real event log.
 */
class QualityRunsTest {

  static final String PRODUCT = "orders-daily";
  static final String TABLE = "\"orders-daily__lines__v1\"";
  static final Caller OLIVIA = new Caller("olivia-id", "olivia", Set.of(Caller.DOMAIN_OWNER), Set.of("/domains/orders/owners"));
  /** The port's contract: a row count, an error rule on order_id, a warning SQL rule on amount. */
  static final String LINES = """
        apiVersion: v3.1.0
        kind: DataContract
        id: order-lines
        version: 1.2.0
        status: active
        domain: orders
        slaProperties:
          - property: latency
            value: 4
            unit: h
        schema:
          - name: lines
            quality:
              - metric: rowCount
                mustBeGreaterThan: 0
            properties:
              - name: order_id
                logicalType: string
                quality:
                  - metric: nullValues
                    mustBe: 0
                    name: order-id-present
              - name: amount
                logicalType: number
                quality:
                  - type: sql
                    query: SELECT count(*) FROM {object} WHERE {property} < 0
                    mustBe: 0
                    severity: warning
        """;
  static final Caller CARLOS = new Caller("carlos-id", "carlos", Set.of("consumer"), Set.of());

  @TempDir
  Path dir;
  private final Vertx vertx = Vertx.vertx();
  private final EmbeddedMongo mongo = EmbeddedMongo.inMemory("127.0.0.1");
  private final MongoClient client = MongoFactory.create(mongo.connectionString());
  private DuckDBConnection duck;
  private EventLog events;
  private QualityRunRepository repository;
  private QualityRuns runs;
  private QualityTargets.PortTarget port;
  private DomainSql domains;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final MeshMetrics metrics = new MeshMetrics(meters);

  @BeforeEach
  void setUp() throws Exception {
    duck = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("orders.duckdb"));
    try (Statement s = duck.createStatement()) {
      s.execute("CREATE TABLE _meshwork_batches (seq BIGINT PRIMARY KEY, id VARCHAR UNIQUE NOT NULL, product VARCHAR NOT NULL, port VARCHAR NOT NULL,"
          + " major INTEGER NOT NULL, status VARCHAR NOT NULL, committed_at TIMESTAMPTZ, quality JSON)");
      s.execute("CREATE TABLE " + TABLE + " (order_id VARCHAR, amount DOUBLE, _batch BIGINT NOT NULL)");
      s.execute("INSERT INTO _meshwork_batches VALUES (1, 'b-1', 'orders-daily', 'lines', 1, 'committed', now() - INTERVAL 2 HOUR, NULL),"
          + " (2, 'b-2', 'orders-daily', 'lines', 1, 'retired', now() - INTERVAL 1 HOUR, NULL)");
      s.execute("INSERT INTO " + TABLE + " VALUES ('o-1', 10, 1), ('o-2', 20, 1), ('o-3', 30, 1), (NULL, -5, 2)");
    }
    MongoDatabase database = client.getDatabase("quality-test");
    events = new EventLog(vertx, database);
    await(events.start());
    repository = new QualityRunRepository(vertx, database, 3);
    await(repository.start());
    DataContract contract = contract(LINES);
    port = new QualityTargets.PortTarget("lines", contract.version().major(), contract.schema().get(0), SlaFreshness.of(contract.slaProperties()));
    QualityTargets targets = id -> id.equals(PRODUCT)
        ? Future.succeededFuture(new QualityTargets.ProductTarget(PRODUCT, "orders", List.of(port)))
        : Future.failedFuture(new NotFoundException("No data product with id '" + id + "'"));
    domains = new DomainSql() {
      @Override
      public <T> Future<T> read(String domain, Work<T> work) {
        return vertx.executeBlocking(() -> {
          try (Connection c = duck.duplicate()) {
            return work.apply(c);
          }
        }, false);
      }
    };
    runs = new QualityRuns(repository, targets, domains, events, metrics, new Spans(OpenTelemetry.noop()));
  }

  @AfterEach
  void tearDown() throws Exception {
    await(vertx.close());
    client.close();
    mongo.close();
    duck.close();
  }

  @Test
  void anOnDemandRunJudgesTheCommittedSnapshotOnlyAndKeepsIt() throws Exception {
    List<QualityRun> made = await(runs.runNow(OLIVIA, PRODUCT, null));

    assertThat(made).hasSize(1);
    QualityRun run = made.get(0);
    assertThat(run.trigger()).isEqualTo(QualityRun.MANUAL);
    assertThat(run.report().rows()).as("rows of the retired batch are not in the snapshot").isEqualTo(3);
    assertThat(run.report().blocking()).isFalse();
    assertThat(run.report().results()).extracting(r -> r.status()).containsOnly("passed");
    assertThat(run.freshnessSla()).isEqualTo(Duration.ofHours(4));
    JsonObject json = run.toJson(Instant.now(), true);
    assertThat(json.getDouble("score")).isEqualTo(100.0);
    assertThat(json.getJsonObject("dimensions").getDouble("freshness")).as("2 h old, 4 h promised").isEqualTo(100.0);
    assertThat(await(repository.latest(PRODUCT))).extracting(QualityRun::id).containsExactly(run.id());
    assertThat(await(events.read(0, null, 10)).items()).isEmpty();
  }

  @Test
  void aRunFailingAnErrorRuleIsAnnouncedAndAWarningOnlyIsNot() throws Exception {
    try (Statement s = duck.createStatement()) {
      s.execute("INSERT INTO _meshwork_batches VALUES (3, 'b-3', 'orders-daily', 'lines', 1, 'committed', now(), NULL)");
      s.execute("INSERT INTO " + TABLE + " VALUES (NULL, -1, 3)");
    }
    QualityRun run = await(runs.runNow(OLIVIA, PRODUCT, "lines")).get(0);

    assertThat(run.report().blockingRules()).containsExactly("order-id-present");
    assertThat(run.report().results()).filteredOn(r -> r.type().equals("sql")).singleElement()
        .satisfies(r -> assertThat(r.status()).isEqualTo("failed"))
        .satisfies(r -> assertThat(r.blocking()).isFalse());
    assertThat(meters.get("meshwork.quality.runs").tag("domain", "orders").tag("outcome", "failed").counter().count()).isEqualTo(1.0);
    List<CloudEvent> feed = await(events.read(0, null, 10)).items();
    assertThat(feed).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo(QualityRuns.FAILED_EVENT);
      assertThat(e.subject()).isEqualTo(PRODUCT);
      assertThat(e.data().getJsonArray("failedRules").getList()).containsExactly("order-id-present");
      assertThat(e.data().getString("runId")).isEqualTo(run.id());
    });
    assertThat(run.toJson(Instant.now(), false).getJsonObject("dimensions").getDouble("completeness")).isEqualTo(50.0);
  }

  @Test
  void onlyTheDomainsOwnersRunChecksAndUnknownProductsAreNotFound() {
    assertThatThrownBy(() -> await(runs.runNow(CARLOS, PRODUCT, null))).cause().isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> await(runs.runNow(OLIVIA, "nope", null))).cause().isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> await(runs.runNow(OLIVIA, PRODUCT, "other"))).cause().isInstanceOf(NotFoundException.class);
  }

  @Test
  void aBatchEventIsRecordedWithTheReportFromTheBatchRegister() throws Exception {
    QualityReport report = new QualityEngine().evaluate(duck, "(SELECT * FROM " + TABLE + " WHERE _batch = 2)", port.object(),
        QualityEngine.rulesOf(port.object()));
    try (var s = duck.prepareStatement("INSERT INTO _meshwork_batches VALUES (4, 'b-4', 'orders-daily', 'lines', 1, 'quarantined', NULL, ?)")) {
      s.setString(1, report.toJson().encode());
      s.execute();
    }
    JsonObject event = CloudEvent.of("/meshwork/dataplane", "io.meshwork.batch.quarantined", PRODUCT,
        new JsonObject().put("domain", "orders").put("product", PRODUCT).put("port", "lines").put("major", 1).put("batchId", "b-4")).toJson();

    QualityRun run = await(runs.recordBatch(event));
    await(runs.recordBatch(event.copy().put("type", "io.meshwork.batch.ingested")));

    assertThat(run.trigger()).isEqualTo(QualityRun.BATCH);
    assertThat(run.batchId()).isEqualTo("b-4");
    assertThat(run.report().blocking()).isTrue();
    assertThat(run.latestBatchAt()).as("latest committed batch, b-1").isNotNull();
    assertThat(await(repository.history(PRODUCT, null, 0, 10)).items()).extracting(QualityRun::batchId).containsExactly("b-4");
    assertThat(await(events.read(0, null, 10)).items()).extracting(CloudEvent::type).containsExactly(QualityRuns.FAILED_EVENT);
  }

  @Test
  void aRunRecordedLateDoesNotReplaceANewerLatestRun() throws Exception {
    Instant now = Instant.now();
    QualityReport report = new QualityReport(List.of(), 3, 1, 0, now);
    QualityRun newer = new QualityRun("r-new", PRODUCT, "orders", "lines", 1, QualityRun.BATCH, "b-2", now, null, null, report);
    QualityRun older = new QualityRun("r-old", PRODUCT, "orders", "lines", 1, QualityRun.BATCH, "b-1", now.minusSeconds(1), null, null, report);
    assertThat(await(repository.store(newer))).isTrue();
    assertThat(await(repository.store(older))).as("stored in the history all the same").isTrue();
    assertThat(await(repository.latest(PRODUCT))).extracting(QualityRun::id).containsExactly("r-new");
    assertThat(await(repository.history(PRODUCT, null, 0, 10)).items()).extracting(QualityRun::id).containsExactly("r-new", "r-old");
  }

  @Test
  void historyIsBoundedPerProductAndNewestFirst() throws Exception {
    for (int i = 0; i < 5; i++) {
      await(runs.runNow(OLIVIA, PRODUCT, null));
      Thread.sleep(5);
    }
    QualityRunRepository.Page page = await(repository.history(PRODUCT, null, 0, 10));
    assertThat(page.total()).isEqualTo(3);
    assertThat(page.items()).extracting(QualityRun::at).isSortedAccordingTo((a, b) -> b.compareTo(a));
    assertThat(await(repository.history(PRODUCT, null, 1, 1)).items()).extracting(QualityRun::id).containsExactly(page.items().get(1).id());
  }

  @Test
  void benchmarksRankProductsAcrossTheMeshAndWithinTheirDomain() throws Exception {
    await(runs.runNow(OLIVIA, PRODUCT, null));
    List<QualityRun> latest = await(repository.latestOfAll(null));
    QualityRun perfect = latest.get(0);
    QualityRun other = new QualityRun("r-x", "stock-levels", "inventory", "levels", 1, QualityRun.MANUAL, null, Instant.now(), null, null,
        new QualityReport(List.of(new io.meshwork.quality.RuleResult("levels rowCount", "library", "rowCount", null, "completeness", "error",
            "failed", 0.0, null, "mustBeGreaterThan 0", null)), 0, 1, 1, Instant.now()));

    JsonObject all = QualityRoutes.benchmarks(List.of(perfect, other), null, Instant.now());
    assertThat(all.getJsonObject("mesh").getInteger("products")).isEqualTo(2);
    assertThat(all.getJsonObject("mesh").getDouble("meanScore")).isEqualTo(50.0);
    assertThat(all.getJsonArray("products").getJsonObject(0).getString("productId")).isEqualTo(PRODUCT);
    assertThat(all.getJsonArray("products").getJsonObject(0).getInteger("meshRank")).isEqualTo(1);
    assertThat(all.getJsonArray("products").getJsonObject(1).getDouble("score")).isEqualTo(0.0);

    JsonObject inventory = QualityRoutes.benchmarks(List.of(perfect, other), "inventory", Instant.now());
    assertThat(inventory.getJsonArray("products")).hasSize(1);
    assertThat(inventory.getJsonArray("products").getJsonObject(0).getInteger("meshRank")).isEqualTo(2);
    assertThat(inventory.getJsonArray("products").getJsonObject(0).getInteger("domainRank")).isEqualTo(1);
    assertThat(inventory.getJsonArray("domains")).hasSize(1);
  }

  @Test
  void staleDataLosesFreshnessOverTime() {
    Instant batch = Instant.parse("2026-11-25T00:00:00Z");
    QualityRun run = new QualityRun("r", PRODUCT, "orders", "lines", 1, QualityRun.MANUAL, null, batch, batch, Duration.ofHours(4),
        new QualityReport(List.of(), 0, 1, 0, batch));
    assertThat(run.score(batch.plus(Duration.ofHours(3))).dimensions().get("freshness")).isEqualTo(100.0);
    assertThat(run.score(batch.plus(Duration.ofHours(6))).dimensions().get("freshness")).isEqualTo(50.0);
    assertThat(run.score(batch.plus(Duration.ofHours(9))).score()).isEqualTo(0.0);
  }

  @Test
  void aScheduledRuleJudgesThePortsSnapshotWithoutABatchAndAnnouncesAFailure() throws Exception {
    try (Statement s = duck.createStatement()) {
      s.execute("INSERT INTO _meshwork_batches VALUES (3, 'b-3', 'orders-daily', 'lines', 1, 'committed', now(), NULL)");
      s.execute("INSERT INTO " + TABLE + " VALUES (NULL, 5, 3)");
    }
    // the same rules, the row count with a schedule
    DataContract contract = contract(LINES.replace("        mustBeGreaterThan: 0\n",
        "        mustBeGreaterThan: 0\n        scheduler: interval\n        schedule: 1s\n"));
    assertThat(contract.schema().get(0).quality().get(0).field("schedule").asText()).isEqualTo("1s");
    QualityTargets.ProductTarget product = new QualityTargets.ProductTarget(PRODUCT, "orders",
        List.of(new QualityTargets.PortTarget("lines", 1, contract.schema().get(0), null)));
    QualityTargets scheduled = new QualityTargets() {
      @Override
      public Future<ProductTarget> product(String productId) {
        return Future.succeededFuture(product);
      }

      @Override
      public Future<List<ProductTarget>> all() {
        return Future.succeededFuture(List.of(product));
      }
    };
    QualityRuns scheduledRuns = new QualityRuns(repository, scheduled, domains, events, metrics, new Spans(OpenTelemetry.noop()));
    QualityScheduler here = new QualityScheduler(vertx, scheduled, scheduledRuns, "orders"::equals, CronParser.NONE, Duration.ofMillis(200), Clock.systemUTC());
    QualityScheduler elsewhere = new QualityScheduler(vertx, scheduled, scheduledRuns, "sales"::equals, CronParser.NONE, Duration.ofMillis(200), Clock.systemUTC());
    vertx.runOnContext(v -> {
      here.start();
      elsewhere.start();
    });
    try {
      List<QualityRun> history = eventually(() -> await(repository.history(PRODUCT, null, 0, 10)).items(), h -> h.size() >= 2);
      assertThat(history).allSatisfy(run -> {
        assertThat(run.trigger()).isEqualTo(QualityRun.SCHEDULE);
        assertThat(run.batchId()).isNull();
        assertThat(run.report().rows()).as("the committed snapshot: b-1 and b-3").isEqualTo(4);
        assertThat(run.report().blockingRules()).containsExactly("order-id-present");
      });
      assertThat(await(events.read(0, null, 10)).items()).first().satisfies(e -> {
        assertThat(e.type()).isEqualTo(QualityRuns.FAILED_EVENT);
        assertThat(e.data().getString("trigger")).isEqualTo(QualityRun.SCHEDULE);
      });
      assertThat(here.planned()).containsExactly(PRODUCT + "/lines/rowCount/interval 1s");
      assertThat(elsewhere.planned()).as("a node not serving the domain schedules nothing").isEmpty();
    } finally {
      vertx.runOnContext(v -> {
        here.stop();
        elsewhere.stop();
      });
    }
  }

  private static DataContract contract(String yaml) throws Exception {
    return DataContract.from(new ObjectMapper(new YAMLFactory()).readTree(yaml));
  }

  private static <T> T eventually(java.util.concurrent.Callable<T> read, java.util.function.Predicate<T> done) throws Exception {
    long deadline = System.currentTimeMillis() + 15_000;
    T value = read.call();
    while (!done.test(value) && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
      value = read.call();
    }
    assertThat(done.test(value)).as(String.valueOf(value)).isTrue();
    return value;
  }

  private static <T> T await(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e;
    }
  }
}
