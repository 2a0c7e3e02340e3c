package io.meshwork.dataplane.storage;

import static io.meshwork.dataplane.TestContracts.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwork.dataplane.TestContracts;
import io.meshwork.model.error.UnavailableException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DomainDatabasesTest {

  @TempDir Path home;
  Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    await(vertx.close());
  }

  @Test
  void oneFilePerDomainWithItsBatchRegisterAndLocationsOverridable() throws Exception {
    Path elsewhere = home.resolve("fast-disk/orders-data.duckdb");
    try (DomainDatabases dbs = new DomainDatabases(vertx, home.resolve("domains"), Map.of("orders", elsewhere), Set.of(), 2)) {
      await(dbs.write("orders", c -> null));
      await(dbs.write("carts", c -> null));
      long registers = await(dbs.read("carts", c -> count(c.createStatement(), "SELECT count(*) FROM " + DomainDatabases.BATCHES)));
      assertThat(registers).isZero();
      assertThat(await(dbs.existing())).containsExactly("carts", "orders");
    }
    assertThat(elsewhere).exists();
    assertThat(home.resolve("domains/carts.duckdb")).exists();
    assertThat(home.resolve("domains/orders.duckdb")).doesNotExist();
  }

  @Test
  void aNodeServesOnlyItsDomains() throws Exception {
    try (DomainDatabases dbs = new DomainDatabases(vertx, home, Map.of(), Set.of("orders"), 2)) {
      assertThat(dbs.serves("orders")).isTrue();
      assertThat(dbs.serves("carts")).isFalse();
      assertThatThrownBy(() -> await(dbs.read("carts", c -> 1)))
          .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(UnavailableException.class);
      assertThatThrownBy(() -> await(dbs.read("../etc", c -> 1))).hasCauseInstanceOf(UnavailableException.class);
    }
  }

  @Test
  void writesToOneDomainRunOneAfterTheOther() throws Exception {
    try (DomainDatabases dbs = new DomainDatabases(vertx, home, Map.of(), Set.of(), 4)) {
      await(dbs.write("orders", c -> c.createStatement().execute("CREATE TABLE log (i INTEGER, active INTEGER)")));
      List<Future<Object>> writes = new ArrayList<>();
      java.util.concurrent.atomic.AtomicInteger active = new java.util.concurrent.atomic.AtomicInteger();
      java.util.concurrent.atomic.AtomicInteger maxActive = new java.util.concurrent.atomic.AtomicInteger();
      for (int i = 0; i < 8; i++) {
        int n = i;
        writes.add(dbs.write("orders", c -> {
          maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
          Thread.sleep(20);
          c.createStatement().execute("INSERT INTO log VALUES (" + n + ", 0)");
          active.decrementAndGet();
          return null;
        }));
      }
      await(Future.all(writes));
      assertThat(maxActive.get()).isEqualTo(1);
      long logged = await(dbs.read("orders", c -> count(c.createStatement(), "SELECT count(*) FROM log")));
      assertThat(logged).isEqualTo(8);
    }
  }

  @Test
  void failedWorkRollsBackItsTransaction() throws Exception {
    try (DomainDatabases dbs = new DomainDatabases(vertx, home, Map.of(), Set.of(), 2)) {
      await(dbs.write("orders", c -> c.createStatement().execute("CREATE TABLE t (i INTEGER)")));
      assertThatThrownBy(() -> await(dbs.write("orders", c -> {
        c.setAutoCommit(false);
        c.createStatement().execute("INSERT INTO t VALUES (1)");
        throw new IllegalStateException("boom");
      }))).hasCauseInstanceOf(IllegalStateException.class);
      long rows = await(dbs.read("orders", c -> count(c.createStatement(), "SELECT count(*) FROM t")));
      assertThat(rows).isZero();
    }
  }

  /**
   * A request answers on its own context, where its trace id lives: a write queued behind another
   * request's write must not deliver its result (or its error) on that other request's context.
   */
  @Test
  void aWriteQueuedBehindAnotherCompletesOnItsCallersContext() throws Exception {
    try (DomainDatabases dbs = new DomainDatabases(vertx, home, Map.of(), Set.of(), 2)) {
      Context first = vertx.getOrCreateContext();
      Context second = vertx.getOrCreateContext();
      assertThat(first).isNotSameAs(second);
      first.put("request", "first");
      second.put("request", "second");
      CountDownLatch firstHolds = new CountDownLatch(1);
      CompletableFuture<String> firstSaw = new CompletableFuture<>();
      CompletableFuture<String> secondSaw = new CompletableFuture<>();
      CompletableFuture<Void> firstQueued = new CompletableFuture<>();
      CompletableFuture<Void> secondQueued = new CompletableFuture<>();
      first.runOnContext(v -> {
        dbs.write("orders", c -> firstHolds.await(30, TimeUnit.SECONDS)).onComplete(done -> firstSaw.complete(seenBy(first)));
        firstQueued.complete(null);
      });
      firstQueued.get(30, TimeUnit.SECONDS);
      second.runOnContext(v -> {
        dbs.write("orders", c -> {
          throw new IllegalStateException("fails after the first write");
        }).onFailure(e -> secondSaw.complete(seenBy(second) + ": " + e.getMessage()));
        secondQueued.complete(null);
      });
      // the second write is queued behind the first one's before the first may finish
      secondQueued.get(30, TimeUnit.SECONDS);
      firstHolds.countDown();

      assertThat(firstSaw.get(30, TimeUnit.SECONDS)).isEqualTo("first on its context");
      assertThat(secondSaw.get(30, TimeUnit.SECONDS)).isEqualTo("second on its context: fails after the first write");
    }
  }

  /** What a callback sees: the request value of the context it runs on, and whether that is {@code expected}. */
  private static String seenBy(Context expected) {
    Context current = Vertx.currentContext();
    return (current == null ? "no context" : current.<String>get("request")) + (current == expected ? " on its context" : " elsewhere");
  }

  @Test
  void portTablesFollowTheContractAndItsMajorVersion() throws Exception {
    PortSchema schema = PortSchema.of("orders-daily", "order-lines", TestContracts.orderLines());
    assertThat(schema.table().name()).isEqualTo("orders-daily__order-lines__v1");
    assertThat(schema.columns()).extracting(PortColumn::sqlType)
        .containsExactly("VARCHAR", "INTEGER", "VARCHAR", "VARCHAR", "VARCHAR", "DECIMAL(12,2)", "TIMESTAMP");
    try (DomainDatabases dbs = new DomainDatabases(vertx, home, Map.of(), Set.of(), 2)) {
      await(dbs.write("orders", c -> {
        schema.createOrEvolve(c);
        schema.createOrEvolve(c);
        return null;
      }));
      List<String> columns = await(dbs.read("orders", c -> {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery("DESCRIBE " + schema.table().quoted())) {
          while (rs.next()) {
            names.add(rs.getString(1) + " " + rs.getString(2));
          }
        }
        return names;
      }));
      assertThat(columns).containsExactly("order_id VARCHAR", "line_no INTEGER", "customer_email VARCHAR", "sku VARCHAR",
          "channel VARCHAR", "amount_eur DECIMAL(12,2)", "ordered_at TIMESTAMP", "_batch BIGINT");
      long quarantineColumns = await(dbs.read("orders", c -> count(c.createStatement(),
          "SELECT count(*) FROM information_schema.columns WHERE table_name = '" + schema.table().quarantineName() + "' AND data_type = 'VARCHAR'")));
      assertThat(quarantineColumns).isEqualTo(9); // 7 raw values + _reason + _raw (the text of a record that did not parse)
    }
    assertThat(Files.exists(home.resolve("orders.duckdb"))).isTrue();
  }

  @Test
  void logicalTypesMapAndUnknownPhysicalTypesNeverReachSql() {
    assertThat(PortColumn.logical("integer")).isEqualTo("BIGINT");
    assertThat(PortColumn.logical("number")).isEqualTo("DOUBLE");
    assertThat(PortColumn.logical("timestamp")).isEqualTo("TIMESTAMPTZ");
    assertThat(PortColumn.logical("object")).isEqualTo("JSON");
    assertThat(PortColumn.logical(null)).isEqualTo("VARCHAR");
    assertThat(PortColumn.physical("varchar(255)")).contains("VARCHAR");
    assertThat(PortColumn.physical("numeric(10, 4)")).contains("DECIMAL(10,4)");
    assertThat(PortColumn.physical("INTEGER); DROP TABLE x; --")).isEmpty();
    assertThat(PortColumn.physical("DECIMAL(99,2)")).isEmpty();
  }

  @Test
  void identifiersAreQuotedWhateverTheirName() {
    assertThat(PortTable.of("a\"b", "p", 2).quoted()).isEqualTo("\"a\"\"b__p__v2\"");
    assertThat(PortTable.of("x", "y", 3).quarantineQuoted()).isEqualTo("\"x__y__v3__quarantine\"");
  }

  private static long count(Statement s, String sql) throws Exception {
    try (s; ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
  @Test
  void everyReadAndWriteIsASpanUnderTheCallersSpanNamingTheDomainButNoSql() throws Exception {
    io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter exported = io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter.create();
    io.opentelemetry.sdk.trace.SdkTracerProvider tracing = io.opentelemetry.sdk.trace.SdkTracerProvider.builder()
        .addSpanProcessor(io.opentelemetry.sdk.trace.export.SimpleSpanProcessor.create(exported)).build();
    io.opentelemetry.sdk.OpenTelemetrySdk otel = io.opentelemetry.sdk.OpenTelemetrySdk.builder().setTracerProvider(tracing).build();
    try (DomainDatabases dbs = new DomainDatabases(vertx, home, Map.of(), Set.of(), 2, "1GB", new io.meshwork.observability.Spans(otel))) {
      io.opentelemetry.api.trace.Span request = otel.getTracer("test").spanBuilder("request").startSpan();
      io.opentelemetry.context.Context parent = io.opentelemetry.context.Context.current().with(request);
      // as for an HTTP request: the work is started on a Vert.x context where the request's span is current
      java.util.concurrent.CompletableFuture<Object> done = new java.util.concurrent.CompletableFuture<>();
      vertx.getOrCreateContext().runOnContext(v -> {
        try (io.opentelemetry.context.Scope scope = parent.makeCurrent()) {
          dbs.write("orders", c -> {
            try (Statement s = c.createStatement()) {
              s.execute("CREATE TABLE secret_sauce (x INTEGER)");
            }
            return null;
          }).compose(ignored -> dbs.read("orders", c -> 1)).onComplete(r -> done.complete(r.succeeded() ? r.result() : r.cause()));
        }
      });
      assertThat(done.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1);
      request.end();
      List<io.opentelemetry.sdk.trace.data.SpanData> spans = exported.getFinishedSpanItems();
      assertThat(spans).extracting(io.opentelemetry.sdk.trace.data.SpanData::getName).contains("duckdb write", "duckdb read");
      io.opentelemetry.sdk.trace.data.SpanData write = spans.stream().filter(sd -> sd.getName().equals("duckdb write")).findFirst().orElseThrow();
      assertThat(write.getAttributes().get(io.meshwork.observability.Spans.DB_NAMESPACE)).isEqualTo("orders");
      assertThat(write.getAttributes().get(io.meshwork.observability.Spans.DB_SYSTEM)).isEqualTo("duckdb");
      assertThat(write.getAttributes().toString()).doesNotContain("secret_sauce");
      assertThat(write.getTraceId()).isEqualTo(request.getSpanContext().getTraceId());
    } finally {
      tracing.close();
    }
  }

  @Test
  void eachDomainWritesItsOwnFileAndAReadAcrossDomainsJoinsThem() throws Exception {
    try (DomainDatabases dbs = new DomainDatabases(vertx, home, Map.of(), Set.of("orders", "products"), 2)) {
      await(dbs.write("orders", c -> execute(c, "CREATE TABLE lines AS SELECT * FROM (VALUES ('o1', 'SKU-1'), ('o2', 'SKU-2')) t(id, sku)")));
      await(dbs.write("products", c -> execute(c, "CREATE TABLE lines AS SELECT * FROM (VALUES ('SKU-1', 'Runner')) t(sku, title)")));

      // unqualified names are the domain's own tables: the same name in two domains is two tables
      String orderLines = await(dbs.read("orders", c -> single(c, "SELECT count(*) FROM lines")));
      String productLines = await(dbs.read("products", c -> single(c, "SELECT count(*) FROM lines")));
      assertThat(orderLines).isEqualTo("2");
      assertThat(productLines).isEqualTo("1");

      String joined = await(dbs.readAcross(List.of("orders", "products"), c -> single(c,
          "SELECT string_agg(o.id || ':' || p.title, ',') FROM lines o JOIN " + DomainDatabases.catalog("products") + ".main.lines p USING (sku)")));
      assertThat(joined).isEqualTo("o1:Runner");

      // a domain this node does not serve is never attached
      assertThatThrownBy(() -> await(dbs.readAcross(List.of("orders", "carts"), c -> null)))
          .cause().isInstanceOf(UnavailableException.class).hasMessageContaining("carts");
    }
    assertThat(Files.exists(home.resolve("orders.duckdb"))).isTrue();
    assertThat(Files.exists(home.resolve("products.duckdb"))).isTrue();
    assertThat(Files.exists(home.resolve("carts.duckdb"))).isFalse();

    // closed cleanly, each file opens on its own again with its own tables
    try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + home.resolve("products.duckdb"))) {
      assertThat(single(c, "SELECT title FROM lines")).isEqualTo("Runner");
    }
  }

  private static Void execute(java.sql.Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
    return null;
  }

  private static String single(java.sql.Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
