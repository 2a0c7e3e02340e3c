package io.meshwork.quality.run;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.meshwork.quality.QualityReport;
import io.meshwork.runtime.mongo.Reactive;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * Quality runs in MongoDB: {@code quality_runs} holds the history, at most {@link #KEEP} runs per
 * product (older ones are deleted when a new one is stored, so the collection cannot grow without
 * bound however often batches arrive); {@code quality_latest} holds each port's latest run, so
 * the latest state of a product and the mesh-wide benchmarks are read without scanning history.
 */
public final class QualityRunRepository {

  /** Runs kept per product: at one batch an hour, three weeks of history. */
  public static final int KEEP = 500;

  public record Page(List<QualityRun> items, long total) {}

  private final Vertx vertx;
  private final MongoCollection<Document> runs;
  private final MongoCollection<Document> latest;
  private final int keep;

  public QualityRunRepository(Vertx vertx, MongoDatabase database) {
    this(vertx, database, KEEP);
  }

  QualityRunRepository(Vertx vertx, MongoDatabase database, int keep) {
    this.vertx = vertx;
    this.runs = database.getCollection("quality_runs");
    this.latest = database.getCollection("quality_latest");
    this.keep = keep;
  }

  public Future<Void> start() {
    return Reactive.first(vertx, runs.createIndex(Indexes.compoundIndex(Indexes.ascending("productId"), Indexes.descending("at")),
        new IndexOptions().name("by_product_time"))).mapEmpty();
  }

  /**
   * Stores a run, makes it its port's latest unless a later run is already, then trims the product's history to {@link #KEEP}.
   * Completes with false, storing nothing, when a run with the same id is already stored (a batch
   * announced twice — ingested and quarantined — is one run).
   */
  public Future<Boolean> store(QualityRun run) {
    Document doc = toDocument(run);
    String port = run.productId() + "/" + run.port();
    return Reactive.first(vertx, runs.insertOne(doc))
        .compose(v -> Reactive.first(vertx, latest.replaceOne(Filters.and(Filters.eq("_id", port), Filters.lt("at", Date.from(run.at()))),
                new Document(doc).append("_id", port).append("runId", run.id()), new ReplaceOptions().upsert(true)))
            // runs are recorded concurrently (two batches' events): a newer latest run stays, the upsert then collides
            .recover(err -> duplicate(err) ? Future.succeededFuture() : Future.failedFuture(err)))
        .compose(v -> trim(run.productId()))
        .map(true)
        .recover(err -> duplicate(err) ? Future.succeededFuture(false) : Future.failedFuture(err));
  }

  private static boolean duplicate(Throwable err) {
    return err instanceof MongoWriteException write && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
  }

  private Future<Void> trim(String productId) {
    return Reactive.all(vertx, runs.find(Filters.eq("productId", productId)).sort(Sorts.descending("at")).skip(keep)
            .projection(Projections.include("_id")))
        .compose(old -> old.isEmpty()
            ? Future.succeededFuture()
            : Reactive.first(vertx, runs.deleteMany(Filters.in("_id", old.stream().map(d -> d.get("_id")).toList()))).mapEmpty());
  }

  /** A product's runs, newest first. */
  public Future<Page> history(String productId, String port, int offset, int limit) {
    var filter = port == null ? Filters.eq("productId", productId) : Filters.and(Filters.eq("productId", productId), Filters.eq("port", port));
    return Reactive.first(vertx, runs.countDocuments(filter)).compose(total ->
        Reactive.all(vertx, runs.find(filter).sort(Sorts.descending("at")).skip(offset).limit(limit))
            .map(docs -> new Page(docs.stream().map(QualityRunRepository::fromDocument).toList(), total)));
  }

  /** The latest run of each port of a product. */
  public Future<List<QualityRun>> latest(String productId) {
    return Reactive.all(vertx, latest.find(Filters.eq("productId", productId)).sort(Sorts.ascending("port")))
        .map(docs -> docs.stream().map(QualityRunRepository::fromDocument).toList());
  }

  /** The latest run of every port in the mesh, or of one domain. */
  public Future<List<QualityRun>> latestOfAll(String domain) {
    var filter = domain == null ? new Document() : Filters.eq("domain", domain);
    return Reactive.all(vertx, latest.find(filter)).map(docs -> docs.stream().map(QualityRunRepository::fromDocument).toList());
  }

  private static Document toDocument(QualityRun run) {
    Document doc = new Document("_id", run.id())
        .append("productId", run.productId())
        .append("domain", run.domain())
        .append("port", run.port())
        .append("major", run.major())
        .append("trigger", run.trigger())
        .append("batchId", run.batchId())
        .append("at", Date.from(run.at()))
        .append("latestBatchAt", run.latestBatchAt() == null ? null : Date.from(run.latestBatchAt()))
        .append("freshnessSlaMs", run.freshnessSla() == null ? null : run.freshnessSla().toMillis())
        .append("report", Document.parse(run.report().toJson().encode()));
    return doc;
  }

  private static QualityRun fromDocument(Document d) {
    Date latestBatch = d.getDate("latestBatchAt");
    Number sla = d.get("freshnessSlaMs", Number.class);
    String id = d.getString("runId") != null ? d.getString("runId") : d.getString("_id");
    return new QualityRun(id, d.getString("productId"), d.getString("domain"), d.getString("port"), d.get("major", Number.class).intValue(),
        QualityRun.trigger(d.getString("trigger")), d.getString("batchId"), d.getDate("at").toInstant(), latestBatch == null ? null : latestBatch.toInstant(),
        sla == null ? null : Duration.ofMillis(sla.longValue()),
        QualityReport.fromJson(new JsonObject(d.get("report", Document.class).toJson())));
  }
}
