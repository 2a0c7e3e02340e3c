package io.meshwork.monitoring.telemetry;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.meshwork.runtime.mongo.Reactive;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The {@code telemetry_samples} collection: one document per sample (kind red, ingestion, slo,
 * health, error), stamped with the node, the service and the time. Bounded by deletion of
 * samples older than the retention on every pass of the sampler — not by a TTL index, which the
 * embedded store ignores.
 */
final class TelemetryStore {

  /** A reader asking for more gets the newest this many. */
  static final int MAX_READ = 5000;

  private final Vertx vertx;
  private final MongoCollection<Document> samples;

  TelemetryStore(Vertx vertx, MongoDatabase database) {
    this.vertx = vertx;
    this.samples = database.getCollection("telemetry_samples");
  }

  Future<Void> insert(List<JsonObject> batch, String node, String service, Instant at) {
    if (batch.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Document> docs = batch.stream().map(s -> {
      Document doc = Document.parse(s.encode()).append("node", node).append("service", service);
      if (!doc.containsKey("at")) {
        doc.append("at", Date.from(at));
      } else {
        doc.put("at", Date.from(Instant.parse(s.getString("at"))));
      }
      return doc;
    }).toList();
    return Reactive.first(vertx, samples.insertMany(docs)).mapEmpty();
  }

  Future<Long> deleteBefore(Instant cutoff) {
    return Reactive.first(vertx, samples.deleteMany(Filters.lt("at", Date.from(cutoff)))).map(r -> r.getDeletedCount());
  }

  /** Samples of a kind in [from, to], oldest first; extra equality filters (route, service…) when not null. */
  Future<List<JsonObject>> read(String kind, Instant from, Instant to, List<Bson> where, int limit, boolean newestFirst) {
    List<Bson> filters = new ArrayList<>(List.of(Filters.eq("kind", kind), Filters.gte("at", Date.from(from)), Filters.lte("at", Date.from(to))));
    filters.addAll(where);
    return Reactive.all(vertx, samples.find(Filters.and(filters))
            .sort(newestFirst ? Sorts.descending("at") : Sorts.ascending("at")).limit(Math.min(limit, MAX_READ)))
        .map(docs -> docs.stream().map(TelemetryStore::toJson).toList());
  }

  private static JsonObject toJson(Document d) {
    Document copy = new Document(d);
    copy.remove("_id");
    copy.remove("kind");
    Date at = copy.getDate("at");
    copy.put("at", at.toInstant().toString());
    return new JsonObject(copy.toJson());
  }
}
