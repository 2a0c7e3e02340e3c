package io.meshwork.access.policy;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.meshwork.access.pdp.Policy;
import io.meshwork.runtime.mongo.Reactive;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/** Policies in the {@code policies} collection, stored in their JSON form ({@link PolicyCodec}). */
public final class PolicyRepository {

  private final Vertx vertx;
  private final MongoCollection<Document> policies;

  public PolicyRepository(Vertx vertx, MongoDatabase database) {
    this.vertx = vertx;
    this.policies = database.getCollection("policies");
  }

  public Future<List<Policy>> all() {
    return Reactive.all(vertx, policies.find()).map(docs -> docs.stream().map(PolicyRepository::fromDocument).toList());
  }

  public Future<Optional<Policy>> find(String id) {
    return Reactive.first(vertx, policies.find(Filters.eq("_id", id)).first()).map(d -> Optional.ofNullable(d).map(PolicyRepository::fromDocument));
  }

  /** Creates or replaces; true when it was created. */
  public Future<Boolean> put(Policy policy, String by) {
    Document doc = Document.parse(PolicyCodec.write(policy).encode())
        .append("_id", policy.id()).append("updatedBy", by).append("updatedAt", Date.from(Instant.now()));
    doc.remove("id");
    doc.remove("description");
    return Reactive.first(vertx, policies.replaceOne(Filters.eq("_id", policy.id()), doc, new ReplaceOptions().upsert(true)))
        .map(result -> result.getUpsertedId() != null);
  }

  public Future<Boolean> delete(String id) {
    return Reactive.first(vertx, policies.deleteOne(Filters.eq("_id", id))).map(result -> result.getDeletedCount() == 1);
  }

  private static Policy fromDocument(Document doc) {
    JsonObject json = new JsonObject(doc.toJson());
    return PolicyCodec.read(doc.getString("_id"), json);
  }
}
