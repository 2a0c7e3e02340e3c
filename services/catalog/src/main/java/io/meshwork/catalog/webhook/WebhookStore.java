package io.meshwork.catalog.webhook;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.meshwork.runtime.mongo.Reactive;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Subscriptions ({@code webhooks}) and their deliveries ({@code webhook_deliveries}). A delivery
 * is stored before it is first attempted and changed only by a conditional update that names the
 * attempt it claims, so after a restart, or with several nodes, each attempt is made once.
 */
final class WebhookStore {

  static final String PENDING = "pending";
  static final String SENDING = "sending";
  static final String DELIVERED = "delivered";
  static final String FAILED = "failed";

  private final Vertx vertx;
  private final MongoCollection<Document> subscriptions;
  private final MongoCollection<Document> deliveries;

  WebhookStore(Vertx vertx, MongoDatabase database) {
    this.vertx = vertx;
    this.subscriptions = database.getCollection("webhooks");
    this.deliveries = database.getCollection("webhook_deliveries");
  }

  // --- subscriptions ---

  Future<Void> insert(Subscription s) {
    Document doc = new Document("_id", s.id()).append("url", s.url()).append("types", s.types()).append("secret", s.secret())
        .append("owner", s.owner()).append("createdAt", Date.from(s.createdAt()));
    return Reactive.first(vertx, subscriptions.insertOne(doc)).mapEmpty();
  }

  /** Every subscription, or those of {@code owner} when it is not null. */
  Future<List<Subscription>> subscriptions(String owner) {
    Bson filter = owner == null ? new Document() : Filters.eq("owner", owner);
    return Reactive.all(vertx, subscriptions.find(filter).sort(Sorts.ascending("createdAt")))
        .map(docs -> docs.stream().map(WebhookStore::subscription).toList());
  }

  Future<Optional<Subscription>> subscription(String id) {
    return Reactive.first(vertx, subscriptions.find(Filters.eq("_id", id)).first()).map(d -> Optional.ofNullable(d).map(WebhookStore::subscription));
  }

  Future<Void> deleteSubscription(String id) {
    return Reactive.first(vertx, subscriptions.deleteOne(Filters.eq("_id", id)))
        .compose(v -> Reactive.first(vertx, deliveries.deleteMany(Filters.eq("subscription", id))))
        .mapEmpty();
  }

  // --- deliveries ---

  Future<Void> insertDelivery(String id, Subscription s, JsonObject event, Instant now) {
    Document doc = new Document("_id", id)
        .append("subscription", s.id())
        .append("eventId", event.getString("id"))
        .append("eventType", event.getString("type"))
        .append("event", event.encode())
        .append("status", PENDING)
        .append("attempt", 0)
        .append("attempts", List.of())
        .append("nextAt", Date.from(now))
        .append("createdAt", Date.from(now));
    return Reactive.first(vertx, deliveries.insertOne(doc)).mapEmpty();
  }

  /**
   * Claims a delivery for its next attempt if it is due and nobody claimed it: pending and due,
   * or stuck sending past its lease (the node that claimed it stopped). Empty when not claimed.
   */
  Future<Optional<Document>> claim(String id, Instant now, Instant leaseUntil) {
    Bson due = Filters.or(
        Filters.and(Filters.eq("status", PENDING), Filters.lte("nextAt", Date.from(now))),
        Filters.and(Filters.eq("status", SENDING), Filters.lte("leaseUntil", Date.from(now))));
    return Reactive.first(vertx, deliveries.findOneAndUpdate(Filters.and(Filters.eq("_id", id), due),
            Updates.combine(Updates.set("status", SENDING), Updates.set("leaseUntil", Date.from(leaseUntil))),
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
        .map(Optional::ofNullable);
  }

  /** Ids of deliveries due now (pending and due, or stuck sending), oldest first. */
  Future<List<String>> due(Instant now, int limit) {
    Bson due = Filters.or(
        Filters.and(Filters.eq("status", PENDING), Filters.lte("nextAt", Date.from(now))),
        Filters.and(Filters.eq("status", SENDING), Filters.lte("leaseUntil", Date.from(now))));
    return Reactive.all(vertx, deliveries.find(due).sort(Sorts.ascending("nextAt")).limit(limit))
        .map(docs -> docs.stream().map(d -> d.getString("_id")).toList());
  }

  /** Records an attempt and what comes next: delivered, failed for good, or pending again at {@code nextAt}. */
  Future<Void> recordAttempt(String id, Document attempt, String status, Instant nextAt) {
    Bson update = Updates.combine(Updates.push("attempts", attempt), Updates.inc("attempt", 1), Updates.set("status", status),
        Updates.set("nextAt", nextAt == null ? null : Date.from(nextAt)), Updates.unset("leaseUntil"));
    return Reactive.first(vertx, deliveries.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("status", SENDING)), update)).mapEmpty();
  }

  /** The newest deliveries of a subscription first. */
  Future<List<JsonObject>> deliveries(String subscription, int limit) {
    return Reactive.all(vertx, deliveries.find(Filters.eq("subscription", subscription)).sort(Sorts.descending("createdAt")).limit(limit))
        .map(docs -> docs.stream().map(WebhookStore::deliveryJson).toList());
  }

  private static JsonObject deliveryJson(Document d) {
    JsonArray attempts = new JsonArray();
    for (Document a : d.getList("attempts", Document.class)) {
      JsonObject attempt = new JsonObject().put("at", a.getDate("at").toInstant().toString()).put("durationMs", a.get("durationMs"));
      if (a.get("statusCode") != null) {
        attempt.put("statusCode", a.get("statusCode"));
      }
      if (a.getString("error") != null) {
        attempt.put("error", a.getString("error"));
      }
      attempts.add(attempt);
    }
    Date nextAt = d.getDate("nextAt");
    return new JsonObject()
        .put("id", d.getString("_id"))
        .put("eventId", d.getString("eventId"))
        .put("eventType", d.getString("eventType"))
        .put("status", d.getString("status"))
        .put("createdAt", d.getDate("createdAt").toInstant().toString())
        .put("nextAttemptAt", nextAt == null || !PENDING.equals(d.getString("status")) ? null : nextAt.toInstant().toString())
        .put("attempts", attempts);
  }

  private static Subscription subscription(Document d) {
    return new Subscription(d.getString("_id"), d.getString("url"), d.getList("types", String.class), d.getString("secret"),
        d.getString("owner"), d.getDate("createdAt").toInstant());
  }
}
