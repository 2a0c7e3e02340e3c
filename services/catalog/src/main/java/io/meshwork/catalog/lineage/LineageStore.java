package io.meshwork.catalog.lineage;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.meshwork.model.lineage.RunEvent;
import io.meshwork.runtime.mongo.Reactive;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Where lineage lives in MongoDB: {@code lineage_runs} (one document per run: its job, latest state,
 * and every RunEvent received for it, verbatim as JSON text — facet and column names may contain
 * dots or '$', which MongoDB field names may not), {@code lineage_datasets} and {@code lineage_jobs}
 * (the nodes run events named) and {@code lineage_edges}. Edges declared by products' input ports
 * are not stored here: they are derived from the catalog's products, which are their source of truth.
 * Every write is an idempotent upsert of single documents, so a retried event changes nothing.
 */
final class LineageStore {

  private final Vertx vertx;
  private final MongoCollection<Document> runs;
  private final MongoCollection<Document> datasets;
  private final MongoCollection<Document> jobs;
  private final MongoCollection<Document> edges;

  LineageStore(Vertx vertx, MongoDatabase database) {
    this.vertx = vertx;
    this.runs = database.getCollection("lineage_runs");
    this.datasets = database.getCollection("lineage_datasets");
    this.jobs = database.getCollection("lineage_jobs");
    this.edges = database.getCollection("lineage_edges");
  }

  /** Stores the event with its run, then the nodes and edges it names. */
  Future<Void> save(RunEvent event, Collection<LineageNode> nodes, Collection<LineageEdge> newEdges) {
    Document run = new Document("job", new Document("namespace", event.job().namespace()).append("name", event.job().name()))
        .append("lastEventTime", Date.from(event.eventTime()))
        .append("producer", event.producer())
        .append("updatedAt", new Date());
    if (event.eventType() != null) {
      run.append("state", event.eventType().name());
    }
    Future<?> stored = Reactive.first(vertx, runs.updateOne(Filters.eq("_id", event.runId().toString()),
        Updates.combine(Updates.setOnInsert("firstEventTime", Date.from(event.eventTime())), setAll(run),
            Updates.inc("eventCount", 1), Updates.push("events", event.document().toString())),
        new UpdateOptions().upsert(true)));
    return stored.compose(v -> {
      List<WriteModel<Document>> datasetWrites = new ArrayList<>();
      List<WriteModel<Document>> jobWrites = new ArrayList<>();
      for (LineageNode node : nodes) {
        (node.kind() == LineageNode.Kind.JOB ? jobWrites : datasetWrites).add(replace(node.id(), toDocument(node)));
      }
      List<WriteModel<Document>> edgeWrites = newEdges.stream().map(e -> replace(hash(e.key()), toDocument(e))).toList();
      return Future.all(bulk(datasets, datasetWrites), bulk(jobs, jobWrites), bulk(edges, edgeWrites));
    }).mapEmpty();
  }

  /** Every stored node (datasets, products named by run events, jobs). */
  Future<List<LineageNode>> nodes() {
    return Future.all(Reactive.all(vertx, datasets.find()), Reactive.all(vertx, jobs.find())).map(both -> {
      List<LineageNode> all = new ArrayList<>();
      both.<List<Document>>resultAt(0).forEach(d -> all.add(fromNodeDocument(d)));
      both.<List<Document>>resultAt(1).forEach(d -> all.add(fromNodeDocument(d)));
      return all;
    });
  }

  Future<List<LineageEdge>> edges() {
    return Reactive.all(vertx, edges.find()).map(docs -> docs.stream().map(LineageStore::fromEdgeDocument).toList());
  }

  /** The stored run without its events, or null. */
  Future<Document> run(String runId) {
    return Reactive.first(vertx, runs.find(Filters.eq("_id", runId)).projection(new Document("events", 0)));
  }

  private Future<?> bulk(MongoCollection<Document> collection, List<WriteModel<Document>> writes) {
    return writes.isEmpty() ? Future.succeededFuture() : Reactive.first(vertx, collection.bulkWrite(writes));
  }

  private static WriteModel<Document> replace(String id, Document doc) {
    return new ReplaceOneModel<>(Filters.eq("_id", id), doc.append("_id", id), new ReplaceOptions().upsert(true));
  }

  private static org.bson.conversions.Bson setAll(Document fields) {
    return Updates.combine(fields.entrySet().stream().map(e -> Updates.set(e.getKey(), e.getValue())).toList());
  }

  private static Document toDocument(LineageNode node) {
    return new Document("kind", node.kind().name()).append("label", node.label()).append("attributes", new Document(node.attributes()));
  }

  private static LineageNode fromNodeDocument(Document d) {
    Map<String, Object> attributes = new LinkedHashMap<>(d.get("attributes", new Document()));
    return new LineageNode(d.getString("_id"), LineageNode.Kind.valueOf(d.getString("kind")), d.getString("label"), attributes);
  }

  private static Document toDocument(LineageEdge edge) {
    return new Document("from", edge.from()).append("to", edge.to()).append("kind", edge.kind())
        .append("attributes", new Document(new LinkedHashMap<>(edge.attributes())));
  }

  private static LineageEdge fromEdgeDocument(Document d) {
    Map<String, String> attributes = new LinkedHashMap<>();
    d.get("attributes", new Document()).forEach((k, v) -> attributes.put(k, String.valueOf(v)));
    return new LineageEdge(d.getString("from"), d.getString("to"), d.getString("kind"), attributes);
  }

  /** Edge keys hold NUL separators and may be long: the document id is their SHA-256. */
  private static String hash(String key) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
