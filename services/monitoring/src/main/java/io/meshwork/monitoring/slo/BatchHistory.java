package io.meshwork.monitoring.slo;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.meshwork.runtime.mongo.Reactive;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.bson.Document;

/**
 * The {@code slo_ports} collection: one document per product port with its last committed batch
 * (from {@code io.meshwork.batch.ingested} events) and when monitoring first saw it. Writes are
 * single-document upserts with {@code $max} on the batch time, so events arriving twice or out of
 * order (several nodes, a replay) never move freshness backwards.
 */
public final class BatchHistory {

  private final Vertx vertx;
  private final MongoCollection<Document> ports;

  public BatchHistory(Vertx vertx, MongoDatabase database) {
    this.vertx = vertx;
    this.ports = database.getCollection("slo_ports");
  }

  static String key(String product, String port) {
    return product + "/" + port;
  }

  /** A committed batch. */
  public Future<Void> committed(String product, String port, String batchId, long rows, Instant committedAt) {
    return Reactive.first(vertx, ports.updateOne(Filters.eq("_id", key(product, port)), Updates.combine(
            Updates.setOnInsert("product", product), Updates.setOnInsert("port", port),
            Updates.setOnInsert("firstSeenAt", Date.from(committedAt)),
            Updates.max("lastBatchAt", Date.from(committedAt)),
            Updates.set("lastBatchId", batchId), Updates.set("lastRows", rows),
            Updates.inc("batches", 1L)), new UpdateOptions().upsert(true)))
        .mapEmpty();
  }

  /** A batch kept out of the snapshot: it does not refresh the data. */
  public Future<Void> quarantined(String product, String port, Instant at) {
    return Reactive.first(vertx, ports.updateOne(Filters.eq("_id", key(product, port)), Updates.combine(
            Updates.setOnInsert("product", product), Updates.setOnInsert("port", port),
            Updates.setOnInsert("firstSeenAt", Date.from(at)),
            Updates.max("lastQuarantinedAt", Date.from(at))), new UpdateOptions().upsert(true)))
        .mapEmpty();
  }

  /** Starts watching a port that has no document yet (no batch seen): "no data" is measured from now. */
  public Future<PortActivity> watch(String product, String port, Instant now) {
    return Reactive.first(vertx, ports.updateOne(Filters.eq("_id", key(product, port)), Updates.combine(
            Updates.setOnInsert("product", product), Updates.setOnInsert("port", port),
            Updates.setOnInsert("firstSeenAt", Date.from(now))), new UpdateOptions().upsert(true)))
        .compose(v -> Reactive.first(vertx, ports.find(Filters.eq("_id", key(product, port))).first()))
        .map(BatchHistory::activity);
  }

  /** Every watched port, by {@link #key}. */
  public Future<Map<String, PortActivity>> all() {
    return Reactive.all(vertx, ports.find()).map(docs -> {
      Map<String, PortActivity> byKey = new HashMap<>();
      docs.forEach(d -> byKey.put(d.getString("_id"), activity(d)));
      return byKey;
    });
  }

  private static PortActivity activity(Document d) {
    Number rows = d.get("lastRows", Number.class);
    Number batches = d.get("batches", Number.class);
    return new PortActivity(d.getString("product"), d.getString("port"), instant(d, "firstSeenAt"), instant(d, "lastBatchAt"),
        d.getString("lastBatchId"), rows == null ? 0 : rows.longValue(), batches == null ? 0 : batches.longValue(),
        instant(d, "lastQuarantinedAt"));
  }

  private static Instant instant(Document d, String field) {
    Date date = d.getDate(field);
    return date == null ? null : date.toInstant();
  }
}
