package io.meshwork.dataplane.query;

import static io.meshwork.dataplane.query.ReadFixture.CARLOS;
import static io.meshwork.dataplane.query.ReadFixture.EVE;
import static io.meshwork.dataplane.query.ReadFixture.OLIVIA;
import static io.meshwork.dataplane.query.ReadFixture.SQL_NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwork.access.pdp.MaskKind;
import io.meshwork.model.error.ForbiddenException;
import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.NotFoundException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQL output port on a real DuckDB domain database: what a consumer sees under a grant. */
class GovernedQueryTest {

  @TempDir
  Path dir;
  ReadFixture mesh;

  @BeforeEach
  void open() throws Exception {
    mesh = new ReadFixture(dir);
  }

  @AfterEach
  void close() throws Exception {
    mesh.close();
  }

  @Test
  void aGranteeSeesOnlyGrantedColumnsFilteredRowsAndMaskedValuesOfCommittedBatches() throws Exception {
    JsonObject result = json(mesh.query(CARLOS, "SELECT * FROM " + SQL_NAME + " ORDER BY order_id, line_no", ResultFormat.JSON, 100, AsOf.LATEST, "analytics"));
    assertThat(result.getJsonArray("columns").stream().map(c -> ((JsonObject) c).getString("name")))
        .containsExactly("order_id", "line_no", "customer_email", "channel", "amount_eur");
    assertThat(rows(result)).containsExactly(
        List.of("o1", 1, "o***@example.com", "web", 10.5),
        List.of("o1", 2, "o***@example.com", "web", 5.0),
        List.of("o3", 1, "null", "web", 20.0));
    assertThat(result.getInteger("rowCount")).isEqualTo(3);
    assertThat(result.getBoolean("truncated")).isFalse();
    // the quarantined batch's row (o9) and the store rows never show, nor the _batch column
    assertThat(result.encode()).doesNotContain("o9").doesNotContain("store").doesNotContain("_batch").doesNotContain("olivia.smith");
  }

  @Test
  void consumersSqlSeesMaskedValuesOnlySoItCannotFilterOnTheClearText() throws Exception {
    JsonObject result = json(mesh.query(CARLOS, "SELECT count(*) AS n FROM " + SQL_NAME + " WHERE customer_email = 'olivia.smith@example.com'",
        ResultFormat.JSON, 10, AsOf.LATEST, "analytics"));
    assertThat(rows(result)).containsExactly(List.of(0));
  }

  @Test
  void aggregatesJoinsCtesAndWindowsRunOverTheGovernedRelation() throws Exception {
    JsonObject result = json(mesh.query(CARLOS,
        "WITH web AS (SELECT * FROM " + SQL_NAME + ") "
            + "SELECT a.order_id, count(*) AS lines, sum(a.amount_eur) AS total, rank() OVER (ORDER BY sum(a.amount_eur) DESC) AS r "
            + "FROM web a JOIN " + SQL_NAME + " b ON a.order_id = b.order_id AND a.line_no = b.line_no GROUP BY a.order_id ORDER BY r",
        ResultFormat.JSON, 100, AsOf.LATEST, "analytics"));
    assertThat(rows(result)).containsExactly(List.of("o3", 1, 20.0, 1), List.of("o1", 2, 15.5, 2));
  }

  @Test
  void asOfABatchOrATimeReadsTheOlderSnapshot() throws Exception {
    String sql = "SELECT order_id FROM " + SQL_NAME + " ORDER BY 1";
    assertThat(rows(json(mesh.query(CARLOS, sql, ResultFormat.JSON, 100, AsOf.parse("b-1", "/asOf"), "analytics"))))
        .containsExactly(List.of("o1"), List.of("o1"));
    assertThat(rows(json(mesh.query(CARLOS, sql, ResultFormat.JSON, 100, AsOf.parse("2024-05-01T23:00:00Z", "/asOf"), "analytics"))))
        .containsExactly(List.of("o1"), List.of("o1"));
    assertThat(rows(json(mesh.query(CARLOS, sql, ResultFormat.JSON, 100, AsOf.parse("2024-04-01T00:00:00Z", "/asOf"), "analytics"))))
        .isEmpty();
    assertThatThrownBy(() -> mesh.query(CARLOS, sql, ResultFormat.JSON, 100, AsOf.parse("b-404", "/asOf"), "analytics"))
        .hasCauseInstanceOf(NotFoundException.class).cause().hasMessageContaining("b-404");
  }

  @Test
  void ndjsonAndCsvStreamTheSameRows() throws Exception {
    String sql = "SELECT order_id, customer_email, amount_eur FROM " + SQL_NAME + " ORDER BY order_id, line_no";
    ReadFixture.Result ndjson = mesh.query(CARLOS, sql, ResultFormat.NDJSON, 100, AsOf.LATEST, "analytics");
    assertThat(ndjson.headers()).containsEntry("Content-Type", "application/x-ndjson");
    assertThat(ndjson.body().split("\n")).containsExactly(
        "{\"order_id\":\"o1\",\"customer_email\":\"o***@example.com\",\"amount_eur\":10.50}",
        "{\"order_id\":\"o1\",\"customer_email\":\"o***@example.com\",\"amount_eur\":5.00}",
        "{\"order_id\":\"o3\",\"customer_email\":null,\"amount_eur\":20.00}");
    ReadFixture.Result csv = mesh.query(CARLOS, sql, ResultFormat.CSV, 100, AsOf.LATEST, "analytics");
    assertThat(csv.body()).isEqualTo("order_id,customer_email,amount_eur\r\no1,o***@example.com,10.50\r\no1,o***@example.com,5.00\r\no3,,20.00\r\n");
  }

  @Test
  void theRowLimitCutsTheResultAndSaysSo() throws Exception {
    JsonObject result = json(mesh.query(CARLOS, "SELECT order_id FROM " + SQL_NAME + " ORDER BY order_id DESC", ResultFormat.JSON, 1, AsOf.LATEST, "analytics"));
    assertThat(rows(result)).containsExactly(List.of("o3"));
    assertThat(result.getBoolean("truncated")).isTrue();
  }

  @Test
  void withoutAGrantOrPurposeTheReadIsForbiddenNamingThePortAndAudited() throws Exception {
    assertThatThrownBy(() -> mesh.query(EVE, "SELECT * FROM " + SQL_NAME, ResultFormat.JSON, 10, AsOf.LATEST, "analytics"))
        .cause().isInstanceOf(ForbiddenException.class).hasMessageContaining(SQL_NAME).hasMessageContaining("analytics");
    assertThatThrownBy(() -> mesh.query(CARLOS, "SELECT * FROM " + SQL_NAME, ResultFormat.JSON, 10, AsOf.LATEST, "marketing"))
        .cause().isInstanceOf(ForbiddenException.class).hasMessageContaining("grant g-carlos is for purpose analytics");
    assertThat(mesh.events).extracting(e -> e.type()).containsExactly(ReadAudit.DENIED, ReadAudit.DENIED);
    assertThat(mesh.events.get(0).data().getString("subject")).isEqualTo("eve-id");
  }

  @Test
  void unknownPortsAndWrongDomainsAreNotFound() {
    assertThatThrownBy(() -> mesh.query(CARLOS, "SELECT * FROM orders.\"orders-daily\".nope", ResultFormat.JSON, 10, AsOf.LATEST, "analytics"))
        .cause().isInstanceOf(NotFoundException.class).hasMessageContaining("orders.\"orders-daily\".nope");
    assertThatThrownBy(() -> mesh.query(CARLOS, "SELECT * FROM orders.main._meshwork_batches", ResultFormat.JSON, 10, AsOf.LATEST, "analytics"))
        .cause().isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> mesh.query(CARLOS, "SELECT * FROM sales.\"orders-daily\".order_lines", ResultFormat.JSON, 10, AsOf.LATEST, "analytics"))
        .cause().isInstanceOf(NotFoundException.class).hasMessageContaining("belongs to domain 'orders'");
  }

  @Test
  void aColumnOutsideTheGrantIsAnErrorThatNamesItButNotTheStoredTable() {
    assertThatThrownBy(() -> mesh.query(CARLOS, "SELECT sku FROM " + SQL_NAME, ResultFormat.JSON, 10, AsOf.LATEST, "analytics"))
        .cause().isInstanceOf(InvalidException.class)
        .satisfies(e -> assertThat(((InvalidException) e).violations().get(0).reason())
            .contains("sku").doesNotContain("__v1").doesNotContain("_meshwork_batches").doesNotContain("LINE"));
  }

  @Test
  void theOwnerOfTheDomainReadsEverythingInClear() throws Exception {
    JsonObject result = json(mesh.query(OLIVIA, "SELECT order_id, customer_email, sku FROM " + SQL_NAME + " ORDER BY order_id, line_no",
        ResultFormat.JSON, 100, AsOf.LATEST, null));
    assertThat(rows(result)).hasSize(5).contains(List.of("o1", "olivia.smith@example.com", "sku-1"), List.of("o4", "carla@example.com", "sku-3"));
  }

  @Test
  void hotResultsAreCachedPerGrantAndSnapshotAndANewBatchChangesThem() throws Exception {
    String sql = "SELECT count(*) AS n FROM " + SQL_NAME;
    ReadFixture.Result first = mesh.query(CARLOS, sql, ResultFormat.JSON, 10, AsOf.LATEST, "analytics");
    ReadFixture.Result second = mesh.query(CARLOS, "select count(*) as n  from " + SQL_NAME + " -- again", ResultFormat.JSON, 10, AsOf.LATEST, "analytics");
    assertThat(first.headers()).containsEntry("Meshwork-Cache", "miss");
    assertThat(second.headers()).containsEntry("Meshwork-Cache", "hit");
    assertThat(second.body()).isEqualTo(first.body());
    // the owner's decision differs, so the owner gets their own entry
    ReadFixture.Result owner = mesh.query(OLIVIA, sql, ResultFormat.JSON, 10, AsOf.LATEST, null);
    assertThat(owner.headers()).containsEntry("Meshwork-Cache", "miss");
    assertThat(rows(json(owner))).containsExactly(List.of(5));

    mesh.ingestAnother();
    ReadFixture.Result after = mesh.query(CARLOS, sql, ResultFormat.JSON, 10, AsOf.LATEST, "analytics");
    assertThat(after.headers()).containsEntry("Meshwork-Cache", "miss");
    assertThat(rows(json(after))).containsExactly(List.of(4));
    assertThat(mesh.events).filteredOn(e -> e.type().equals(ReadAudit.SERVED)).hasSize(4)
        .allSatisfy(e -> assertThat(e.data().fieldNames()).contains("rows", "grantId", "subject", "durationMs").doesNotContain("sql"));

    mesh.cache.invalidate(ReadFixture.PRODUCT, ReadFixture.PORT);
    assertThat(mesh.cache.size()).isZero();
    assertThat(mesh.query(CARLOS, "SELECT random() FROM " + SQL_NAME, ResultFormat.JSON, 10, AsOf.LATEST, "analytics").headers())
        .containsEntry("Meshwork-Cache", "off");
  }

  @Test
  void aRunawayQueryIsInterruptedAtTheTimeout() {
    QueryService impatient = new QueryService(mesh.vertx, mesh.parser, mesh.domains, mesh.access, mesh.cache,
        new QuerySettings(10, 10, 0, 0, java.time.Duration.ofSeconds(1)));
    long started = System.nanoTime();
    assertThatThrownBy(() -> ReadFixture.await(impatient.serve(CARLOS, new QueryRequest(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000) SELECT count(*) FROM n, " + SQL_NAME,
        ResultFormat.JSON, 10, AsOf.LATEST, "analytics"), new ReadFixture.Collected())))
        .cause().isInstanceOf(io.meshwork.model.error.UnavailableException.class).hasMessageContaining("within 1 s").hasMessageContaining("cancelled");
    assertThat((System.nanoTime() - started) / 1_000_000_000.0).isLessThan(20);
  }

  @Test
  void theRangeFilterWithExclusionsAndTheSemiJoinOnTheRegisterAgree() throws Exception {
    mesh.ingestAnother(); // seq 4 committed: the quarantined batch 3 (row o9) now lies below the snapshot's seq
    io.meshwork.access.pdp.Decision owner = mesh.pdp.decideRead(io.meshwork.access.CallerSubject.of(OLIVIA),
        ReadAccess.resource(new io.meshwork.dataplane.PortContract("orders-daily", "orders", io.meshwork.model.lifecycle.Lifecycle.ACTIVE,
            "order_lines", mesh.contract), mesh.schema), null, Instant.now());
    List<List<String>> both = mesh.read(c -> {
      Snapshot snapshot = Snapshot.resolve(c, mesh.schema.table(), AsOf.LATEST);
      assertThat(snapshot.seq()).isEqualTo(4);
      assertThat(snapshot.hidden()).containsExactly(3L);
      Snapshot semiJoin = new Snapshot(snapshot.table(), snapshot.seq(), snapshot.batches(), true, null);
      List<List<String>> results = new ArrayList<>();
      for (Snapshot s : List.of(snapshot, semiJoin)) {
        String sql = GovernedSelect.sql(mesh.schema, owner, s);
        assertThat(sql).contains(s.hidden() == null ? "IN (SELECT seq FROM _meshwork_batches" : "NOT IN (3)");
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT order_id FROM (" + sql + ") ORDER BY 1")) {
          List<String> ids = new ArrayList<>();
          while (rs.next()) {
            ids.add(rs.getString(1));
          }
          results.add(ids);
        }
      }
      return results;
    });
    assertThat(both.get(0)).isEqualTo(both.get(1)).containsExactly("o1", "o1", "o2", "o3", "o4", "o5");
  }

  @Test
  void masksInSql() throws Exception {
    List<Object> values = mesh.read(c -> {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT "
          + GovernedSelect.mask(MaskKind.PARTIAL, "'olivia.smith@example.com'", "VARCHAR") + ", "
          + GovernedSelect.mask(MaskKind.PARTIAL, "'Rodriguez'", "VARCHAR") + ", "
          + GovernedSelect.mask(MaskKind.PARTIAL, "'Bob'", "VARCHAR") + ", "
          + GovernedSelect.mask(MaskKind.PARTIAL, "'@handle'", "VARCHAR") + ", "
          + GovernedSelect.mask(MaskKind.PARTIAL, "CAST(NULL AS VARCHAR)", "VARCHAR") + ", "
          + GovernedSelect.mask(MaskKind.PARTIAL, "CAST(123456789 AS BIGINT)", "BIGINT") + ", "
          + GovernedSelect.mask(MaskKind.HASH, "'secret'", "VARCHAR") + ", "
          + GovernedSelect.mask(MaskKind.HASH, "CAST(NULL AS VARCHAR)", "VARCHAR") + ", "
          + "typeof(" + GovernedSelect.mask(MaskKind.NULL, "DATE '2024-01-01'", "DATE") + ")")) {
        rs.next();
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
          row.add(rs.getObject(i));
        }
        return row;
      }
    });
    assertThat(values).containsExactly("o***@example.com", "R***ez", "***", "@***le", null, "1***89",
        "2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b", null, "DATE");
  }

  @Test
  void aTableNotYetCreatedReadsAsEmptyWithTheContractsColumns() throws Exception {
    Snapshot none = new Snapshot(io.meshwork.dataplane.storage.PortTable.of("orders-daily", "order_lines", 9), 0, 0, false, List.of());
    String sql = GovernedSelect.sql(mesh.schema, mesh.pdp.decideRead(io.meshwork.access.CallerSubject.of(OLIVIA),
        ReadAccess.resource(new io.meshwork.dataplane.PortContract("orders-daily", "orders", io.meshwork.model.lifecycle.Lifecycle.ACTIVE,
            "order_lines", mesh.contract), mesh.schema), null, Instant.now()), none);
    long rows = mesh.read(c -> {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*), count(order_id) FROM (" + sql + ")")) {
        rs.next();
        return rs.getLong(1);
      }
    });
    assertThat(rows).isZero();
  }

  private static JsonObject json(ReadFixture.Result result) {
    assertThat(result.status()).isEqualTo(200);
    return new JsonObject(result.body());
  }

  private static List<List<Object>> rows(JsonObject result) {
    List<String> names = result.getJsonArray("columns").stream().map(c -> ((JsonObject) c).getString("name")).toList();
    List<List<Object>> rows = new ArrayList<>();
    for (Object row : result.getJsonArray("rows")) {
      List<Object> values = new ArrayList<>();
      for (String name : names) {
        Object value = ((JsonObject) row).getValue(name);
        values.add(value == null ? "null" : value instanceof Number n && !(value instanceof Integer) && n.doubleValue() != Math.rint(n.doubleValue())
            ? n.doubleValue() : value instanceof Number n && !(value instanceof Integer) && !(value instanceof Long) ? (Object) n.doubleValue()
            : value instanceof Long l ? (Object) l.intValue() : value);
      }
      rows.add(values);
    }
    return rows;
  }
}
