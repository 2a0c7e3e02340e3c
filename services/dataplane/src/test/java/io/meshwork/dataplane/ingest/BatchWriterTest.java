package io.meshwork.dataplane.ingest;

import static io.meshwork.dataplane.TestContracts.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwork.dataplane.PortContract;
import io.meshwork.dataplane.TestContracts;
import io.meshwork.dataplane.batch.Batch;
import io.meshwork.dataplane.storage.DomainDatabases;
import io.meshwork.model.error.UnprocessableException;
import io.meshwork.model.lifecycle.Lifecycle;
import io.meshwork.quality.QualityEngine;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchWriterTest {

  static final String HEADER = "order_id,line_no,customer_email,sku,channel,amount_eur,ordered_at\n";

  @TempDir Path home;
  Vertx vertx;
  DomainDatabases dbs;
  BatchWriter writer = new BatchWriter(new QualityEngine());
  Runs runs = new Runs();
  PortContract orders = new PortContract("orders-daily", "orders", Lifecycle.ACTIVE, "order_lines", TestContracts.orderLines());

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    dbs = new DomainDatabases(vertx, home.resolve("domains"), Map.of(), Set.of(), 2);
  }

  @AfterEach
  void stop() throws Exception {
    dbs.close();
    await(vertx.close());
  }

  @Test
  void validRowsEnterTheTableInvalidOnesTheQuarantineWithEveryReason() throws Exception {
    Path csv = file("a.csv", HEADER
        + "o1,1,ann@example.com,SKU-1,web,10.50,2026-11-01T10:00:00Z\n"
        + "o1,2,,SKU-2,store,3,2026-11-01 11:00:00\n"
        + "o2,x,bob@example.com,,web,abc,yesterday\n"
        + "o1,1,ann@example.com,SKU-1,web,10.50,2026-11-01T10:00:00Z\n");
    Ingested written = write(csv, SourceFormat.CSV, null);
    Batch batch = written.batch();
    assertThat(batch.status()).isEqualTo(Batch.COMMITTED);
    assertThat(batch.rowsValid()).isEqualTo(2);
    assertThat(batch.rowsQuarantined()).isEqualTo(2);
    assertThat(batch.seq()).isEqualTo(1);
    assertThat(batch.quality().getJsonArray("results")).isNotEmpty();
    assertThat(rows("SELECT order_id, line_no, amount_eur, _batch FROM \"orders-daily__order_lines__v1\" ORDER BY line_no"))
        .containsExactly("o1|1|10.50|1", "o1|2|3.00|1");
    // a value not of its column's type is set aside by the typed reader (with every such value named);
    // _line is the line in the file, the header being line 1
    assertThat(rows("SELECT _line, _reason, _raw FROM \"orders-daily__order_lines__v1__quarantine\" ORDER BY _line")).containsExactly(
        "4|amount_eur: not a valid DECIMAL(12,2); line_no: not a valid INTEGER; ordered_at: not a valid TIMESTAMP|o2,x,bob@example.com,,web,abc,yesterday",
        "5|duplicate primary key (order_id, line_no) within the batch|null");
  }

  @Test
  void malformedCsvLinesAreQuarantinedWithTheirRawTextAndTheRestIsIngested() throws Exception {
    Path csv = file("m.csv", HEADER
        + "m1,1,,SKU-1,web,1,2026-11-01 10:00:00\n"
        + "m2,1,,SKU-1,web\n"
        + "m3,1,,SKU-1,web,1,2026-11-01 10:00:00,surplus\n"
        + "m4,1,,,web,1,2026-11-01 10:00:00\n"
        + "m5,1,,SKU-1,web,1,2026-11-01 10:00:00\n"
        + "m6,1,\"never closed,SKU-1,web,1,2026-11-01 10:00:00\n");
    Batch batch = write(csv, SourceFormat.CSV, null).batch();
    assertThat(batch.status()).isEqualTo(Batch.COMMITTED);
    assertThat(batch.rowsValid()).isEqualTo(2);
    assertThat(batch.rowsQuarantined()).isEqualTo(4);
    assertThat(rows("SELECT order_id FROM \"orders-daily__order_lines__v1\" ORDER BY 1")).containsExactly("m1", "m5");
    assertThat(rows("SELECT _line, _reason, _raw FROM \"orders-daily__order_lines__v1__quarantine\" ORDER BY _line")).containsExactly(
        "3|line 3: malformed CSV: fewer columns than the header|m2,1,,SKU-1,web",
        "4|line 4: malformed CSV: more columns than the header|m3,1,,SKU-1,web,1,2026-11-01 10:00:00,surplus",
        "5|sku: required|null",
        "7|line 7: malformed CSV: unterminated or stray quote|m6,1,\"never closed,SKU-1,web,1,2026-11-01 10:00:00");
    assertThat(batch.reasons().stream().map(r -> ((io.vertx.core.json.JsonObject) r).getString("reason")).toList())
        .contains("line 3: malformed CSV: fewer columns than the header", "sku: required");
  }

  @Test
  void aSemicolonCsvWithAByteOrderMarkCrlfLinesAndQuotedNamesIsReadToo() throws Exception {
    Path csv = file("s.csv", "\uFEFF\"ORDER_ID\";line_no;sku;\"chan\"\"nel\";channel;amount_eur;ordered_at;extra\r\n"
        + "s1;1;SKU-1;x;web;\"1,5\";2026-11-01 10:00:00;e\r\n"
        + "s2;1;SKU-2;x;store;2;2026-11-01 11:00:00;e\r\n");
    Batch batch = write(csv, SourceFormat.CSV, null).batch();
    assertThat(batch.rowsValid()).as(batch.toJson().encode()).isEqualTo(1);
    assertThat(batch.rowsQuarantined()).isEqualTo(1);
    assertThat(rows("SELECT order_id, channel, amount_eur FROM \"orders-daily__order_lines__v1\"")).containsExactly("s2|store|2.00");
    assertThat(rows("SELECT _line, _reason FROM \"orders-daily__order_lines__v1__quarantine\"")).containsExactly("2|amount_eur: not a valid DECIMAL(12,2)");
  }

  @Test
  void malformedNdjsonLinesAndBadValuesAreQuarantinedLineByLine() throws Exception {
    Path ndjson = file("m.ndjson", """
        {"order_id":"n1","line_no":1,"sku":"SKU-1","channel":"web","amount_eur":1.5,"ordered_at":"2026-11-02 10:00:00"}
        {"order_id":"n2","line_no":1,"sku":"SKU-1","channel":"web"

        {"order_id":"n3","line_no":"one","sku":"SKU-1","channel":"web","amount_eur":2,"ordered_at":"2026-11-02 10:00:00"}
        [1, 2]
        {"order_id":"n4","line_no":1,"channel":"web","amount_eur":2,"ordered_at":"2026-11-02 10:00:00"}
        {"order_id":"n5","line_no":1,"sku":"SKU-1","channel":"web","amount_eur":2,"ordered_at":"2026-11-02 10:00:00"}
        """);
    Batch batch = write(ndjson, SourceFormat.NDJSON, null).batch();
    assertThat(batch.rowsValid()).isEqualTo(2);
    assertThat(batch.rowsQuarantined()).isEqualTo(4);
    assertThat(rows("SELECT order_id, amount_eur FROM \"orders-daily__order_lines__v1\" ORDER BY 1")).containsExactly("n1|1.50", "n5|2.00");
    assertThat(rows("SELECT _line, _reason, order_id, _raw IS NOT NULL FROM \"orders-daily__order_lines__v1__quarantine\" ORDER BY _line")).containsExactly(
        "2|line 2: not a JSON object (malformed JSON)|null|true",
        "4|line_no: not a valid INTEGER|n3|true",
        "5|line 5: not a JSON object (malformed JSON)|null|true",
        "6|sku: required|n4|false");
  }

  @Test
  void aFileThatIsNotItsFormatAtAllIsRefusedWhole() throws Exception {
    Path broken = file("broken.json", "[{\"order_id\":\"a\",\"line_no\":1}, {\"order_id\": ");
    assertThatThrownBy(() -> write(broken, SourceFormat.JSON, null)).cause().isInstanceOf(UnprocessableException.class);
    Path notParquet = file("not.parquet", HEADER + "o1,1,,SKU-1,web,1,2026-11-01 10:00:00\n");
    assertThatThrownBy(() -> write(notParquet, SourceFormat.PARQUET, null)).cause().isInstanceOf(UnprocessableException.class);
    Path notCsv = home.resolve("not.csv");
    Files.write(notCsv, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, (byte) 0xff, '\n', 1, 2});
    assertThatThrownBy(() -> write(notCsv, SourceFormat.CSV, null)).cause().isInstanceOf(UnprocessableException.class)
        .message().doesNotContain(home.toString());
    assertThat(rows("SELECT count(*) FROM \"orders-daily__order_lines__v1\"")).containsExactly("0");
  }

  @Test
  void keysAlreadyInTheSnapshotAreQuarantinedAndAnIdempotentRetryReturnsTheFirstBatch() throws Exception {
    write(file("a.csv", HEADER + "o1,1,,SKU-1,web,1,2026-11-01 10:00:00\n"), SourceFormat.CSV, "k1");
    Path second = file("b.ndjson", """
        {"order_id":"o1","line_no":1,"sku":"SKU-1","channel":"web","amount_eur":1,"ordered_at":"2026-11-02 10:00:00"}
        {"order_id":"o2","line_no":1,"sku":"SKU-9","channel":"web","amount_eur":2.5,"ordered_at":"2026-11-02 10:00:00","extra":true}
        """);
    Batch b2 = write(second, SourceFormat.NDJSON, "k2").batch();
    assertThat(b2.rowsValid()).isEqualTo(1);
    assertThat(b2.reasons().getJsonObject(0).getString("reason")).isEqualTo("primary key (order_id, line_no) already in the snapshot");
    Ingested again = write(second, SourceFormat.NDJSON, "k2");
    assertThat(again.replayed()).isTrue();
    assertThat(again.batch().id()).isEqualTo(b2.id());
    assertThat(rows("SELECT count(*) FROM \"orders-daily__order_lines__v1\"")).containsExactly("2");
  }

  @Test
  void aBatchFailingAnErrorQualityRuleIsQuarantinedWhole() throws Exception {
    // every row invalid: rowCount > 0 fails on the valid rows, and nothing enters the snapshot
    Batch batch = write(file("a.csv", HEADER + "o1,1,,,web,1,2026-11-01 10:00:00\n"), SourceFormat.CSV, null).batch();
    assertThat(batch.status()).isEqualTo(Batch.QUARANTINED);
    assertThat(batch.rowsValid()).isZero();
    assertThat(batch.rowsQuarantined()).isEqualTo(1);
  }

  @Test
  void unreadableDataFailsTheBatchAndItsKeyMayBeRetried() throws Exception {
    Path bad = file("bad.ndjson", "{\"order_id\": \"o1\"\nnot json at all\n");
    assertThatThrownBy(() -> write(bad, SourceFormat.NDJSON, "k")).isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(UnprocessableException.class).cause().message().doesNotContain(home.toString());
    Batch ok = write(file("ok.csv", HEADER + "o1,1,,SKU-1,web,1,2026-11-01 10:00:00\n"), SourceFormat.CSV, "k").batch();
    assertThat(ok.status()).isEqualTo(Batch.COMMITTED);
    assertThat(ok.seq()).isEqualTo(2);
  }

  @Test
  void parquetAndJsonArraysToo() throws Exception {
    Path parquet = home.resolve("p.parquet");
    await(dbs.write("scratch", c -> c.createStatement().execute("COPY (SELECT 'o' || i AS order_id, i AS line_no, 'S' AS sku, 'web' AS channel, "
        + "i * 1.5 AS amount_eur, TIMESTAMP '2026-11-01 10:00:00' AS ordered_at FROM range(1, 1001) t(i)) TO '" + parquet + "' (FORMAT parquet)")));
    assertThat(write(parquet, SourceFormat.PARQUET, null).batch().rowsValid()).isEqualTo(1000);
    Path array = file("a.json", "[{\"order_id\":\"z\",\"line_no\":\"1\",\"sku\":\"S\",\"channel\":\"web\",\"amount_eur\":\"1\",\"ordered_at\":\"2026-11-01\"}]");
    assertThat(write(array, SourceFormat.JSON, null).batch().rowsValid()).isEqualTo(1);
  }

  private Ingested write(Path file, SourceFormat format, String key) throws Exception {
    Run run = runs.start("orders", "orders-daily", "order_lines", "upload", "push");
    return await(dbs.write("orders", c -> writer.write(c, orders, new IngestJob(file, format, "upload", key), run)));
  }

  private Path file(String name, String content) throws Exception {
    return Files.writeString(home.resolve(name), content);
  }

  private List<String> rows(String sql) throws Exception {
    return await(dbs.read("orders", c -> {
      List<String> out = new ArrayList<>();
      try (ResultSet rs = c.createStatement().executeQuery(sql)) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          StringBuilder sb = new StringBuilder();
          for (int i = 1; i <= n; i++) {
            sb.append(i > 1 ? "|" : "").append(rs.getString(i));
          }
          out.add(sb.toString());
        }
      }
      return out;
    }));
  }
}
