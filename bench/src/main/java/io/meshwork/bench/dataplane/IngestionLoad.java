package io.meshwork.bench.dataplane;

import com.mongodb.reactivestreams.client.MongoClient;
import io.meshwork.dataplane.PortContract;
import io.meshwork.dataplane.PortContracts;
import io.meshwork.dataplane.batch.Batch;
import io.meshwork.dataplane.ingest.IngestJob;
import io.meshwork.dataplane.ingest.IngestService;
import io.meshwork.dataplane.ingest.IngestionEvents;
import io.meshwork.dataplane.ingest.Run;
import io.meshwork.dataplane.ingest.Runs;
import io.meshwork.dataplane.ingest.SourceFormat;
import io.meshwork.dataplane.storage.DomainDatabases;
import io.meshwork.model.contract.DataContract;
import io.meshwork.model.document.DocumentFormat;
import io.meshwork.model.lifecycle.Lifecycle;
import io.meshwork.quality.QualityEngine;
import io.meshwork.runtime.events.EventLog;
import io.meshwork.runtime.mongo.EmbeddedMongo;
import io.meshwork.runtime.mongo.MongoFactory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Ingestion end to end from a file on the node's disk (where an upload is spooled, or a pull
 * source lies) versus a plain DuckDB bulk load of the same file, alternately, in the same JVM:
 * our path parses the file typed once with the contract's column types (malformed lines and bad
 * values set aside for the quarantine), validates the typed rows against the contract (required,
 * the composite primary key within the batch and against the snapshot), runs the contract's
 * quality rules, writes valid and quarantined rows and the register row in one transaction and
 * emits the events; the reference is {@code CREATE TABLE … AS SELECT * FROM read_csv/read_json(…)}
 * with DuckDB's type detection and no checks at all.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.meshwork.bench.dataplane.IngestionLoad [rows] [rounds] [memory limit]</pre>
 *
 * The memory limit is the domain database's ({@code dataplane.memory.limit}, the node's default 2GB); the
 * plain load runs with DuckDB's default (80 % of the machine's memory).
 */
public final class IngestionLoad {

  static final String CONTRACT = """
      apiVersion: v3.1.0
      kind: DataContract
      id: bench-order-lines
      version: 1.0.0
      status: active
      domain: bench
      schema:
        - name: order_lines
          properties:
            - {name: order_id, logicalType: string, physicalType: VARCHAR, required: true, primaryKey: true, primaryKeyPosition: 1}
            - {name: line_no, logicalType: integer, physicalType: INTEGER, required: true, primaryKey: true, primaryKeyPosition: 2}
            - {name: customer_email, logicalType: string, physicalType: VARCHAR, classification: confidential}
            - {name: sku, logicalType: string, physicalType: VARCHAR, required: true}
            - {name: channel, logicalType: string, physicalType: VARCHAR, required: true}
            - {name: amount_eur, logicalType: number, physicalType: DECIMAL(12,2), required: true}
            - {name: ordered_at, logicalType: timestamp, physicalType: TIMESTAMP, required: true}
          quality:
            - {metric: rowCount, mustBeGreaterThan: 0}
      """;

  private IngestionLoad() {}

  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    String memoryLimit = args.length > 2 ? args[2] : "2GB";
    Path dir = Files.createTempDirectory("meshwork-ingest-bench");
    System.out.printf("generating %,d rows as CSV and NDJSON in %s%n", rows, dir);
    Path csv = dir.resolve("orders.csv");
    Path ndjson = dir.resolve("orders.ndjson");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      String select = "SELECT 'ord-' || i AS order_id, 1 + i % 4 AS line_no, 'customer' || (i % 100000) || '@example.com' AS customer_email, "
          + "'SKU-' || (i % 5000) AS sku, CASE WHEN i % 3 = 0 THEN 'store' ELSE 'web' END AS channel, "
          + "CAST((i % 99999) / 100.0 AS DECIMAL(12,2)) AS amount_eur, TIMESTAMP '2026-11-01' + to_seconds(i % 2592000) AS ordered_at "
          + "FROM range(" + rows + ") t(i)";
      s.execute("COPY (" + select + ") TO '" + csv + "' (HEADER)");
      s.execute("COPY (" + select + ") TO '" + ndjson + "' (FORMAT json)");
    }
    System.out.printf("CSV %,d MB, NDJSON %,d MB; domain database memory limit %s%n", Files.size(csv) >> 20, Files.size(ndjson) >> 20, memoryLimit);

    Vertx vertx = Vertx.vertx();
    EmbeddedMongo mongo = EmbeddedMongo.inMemory("127.0.0.1");
    MongoClient client = MongoFactory.create(mongo.connectionString());
    EventLog events = new EventLog(vertx, client.getDatabase("bench"));
    await(events.start());
    DataContract contract = DataContract.from(DocumentFormat.YAML.read(CONTRACT.getBytes(StandardCharsets.UTF_8)));
    try (DomainDatabases databases = new DomainDatabases(vertx, dir.resolve("domains"), Map.of(), Set.of(), 4, memoryLimit)) {
      IngestService ingest = new IngestService(vertx, databases, new NoCatalog(), new Runs(), new QualityEngine(),
          new IngestionEvents(events, runEvent -> Future.succeededFuture()));
      System.out.println("| format | round | plain DuckDB rows/s | Meshwork rows/s | ratio |");
      System.out.println("| --- | ---: | ---: | ---: | ---: |");
      for (int round = 1; round <= rounds; round++) {
        for (SourceFormat format : List.of(SourceFormat.CSV, SourceFormat.NDJSON)) {
          Path file = format == SourceFormat.CSV ? csv : ndjson;
          double raw = plain(dir.resolve("plain-" + format + "-" + round + ".duckdb"), file, format, rows);
          PortContract target = new PortContract("bench-" + format.wireName() + "-" + round, "bench", Lifecycle.ACTIVE, "order_lines", contract);
          long started = System.nanoTime();
          Run run = ingest.begin(target, "upload", "push");
          Batch batch = await(ingest.ingest(target, run, new IngestJob(file, format, "bench", null), false)).batch();
          double ours = rows / ((System.nanoTime() - started) / 1e9);
          if (batch.rowsValid() != rows) {
            throw new IllegalStateException("expected every row valid: " + batch.toJson().encode());
          }
          System.out.printf("| %s | %d | %,.0f | %,.0f | %.0f %% |%n", format.wireName(), round, raw, ours, 100 * ours / raw);
        }
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      client.close();
      mongo.close();
    }
  }

  /** The reference: DuckDB's own bulk load of the file, with type detection and nothing else, into a fresh database file. */
  static double plain(Path db, Path file, SourceFormat format, long rows) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement s = c.createStatement()) {
      String reader = format == SourceFormat.CSV ? "read_csv('" + file + "')" : "read_json('" + file + "', format = 'newline_delimited')";
      long started = System.nanoTime();
      s.execute("CREATE TABLE plain AS SELECT * FROM " + reader);
      return rows / ((System.nanoTime() - started) / 1e9);
    }
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(1, TimeUnit.HOURS);
  }

  /** Ports are given directly; the loader never looks one up. */
  static final class NoCatalog implements PortContracts {
    public Future<PortContract> port(String productId, String port) {
      return Future.failedFuture(new UnsupportedOperationException());
    }

    public Future<String> domain(String productId) {
      return Future.succeededFuture("bench");
    }

    public Future<List<PortContract>> ports(String productId) {
      return Future.succeededFuture(List.of());
    }
  }
}
