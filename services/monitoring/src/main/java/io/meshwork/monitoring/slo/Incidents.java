package io.meshwork.monitoring.slo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.meshwork.runtime.events.CloudEvent;
import io.meshwork.runtime.events.EventLog;
import io.meshwork.runtime.mongo.Reactive;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Incidents: an objective that becomes breached opens one (time, reason, objective), the same
 * objective becoming met again resolves it (time, reason). Each transition emits a CloudEvent
 * ({@value #BREACHED} / {@value #RECOVERED}) through the event log, so webhooks and the feed see
 * it.
 *
 * <p>Why a state document per objective ({@code slo_objectives}): several nodes evaluate the same
 * products. The transition is claimed with one conditional single-document update (breached only
 * if not already breached; recovered only if breached), so exactly one node opens or resolves an
 * incident and emits its event — no transaction needed.
 */
public final class Incidents {

  public static final String BREACHED = "io.meshwork.sla.breached";
  public static final String RECOVERED = "io.meshwork.sla.recovered";
  static final String SOURCE = "/meshwork/monitoring";
  public static final int MAX_LIMIT = 500;

  /** Identifies one objective of one port. */
  public record ObjectiveKey(String domain, String product, String port, String property) {
    String id() {
      return product + "/" + port + "/" + property;
    }
  }

  private final Vertx vertx;
  private final MongoCollection<Document> states;
  private final MongoCollection<Document> incidents;
  private final EventLog events;
  /** What this node last knew of each objective's state document: breached or not. */
  private final Map<String, Boolean> breached = new java.util.concurrent.ConcurrentHashMap<>();

  public Incidents(Vertx vertx, MongoDatabase database, EventLog events) {
    this.vertx = vertx;
    this.states = database.getCollection("slo_objectives");
    this.incidents = database.getCollection("slo_incidents");
    this.events = events;
  }

  /** Loads the stored states, so a restarted node neither reopens nor forgets an incident. */
  public Future<Void> start() {
    return Reactive.all(vertx, states.find()).map(docs -> {
      docs.forEach(d -> breached.put(d.getString("_id"), "breached".equals(d.getString("status"))));
      return null;
    });
  }

  /** Opens or resolves the objective's incident when the verdict changes whether it is breached. */
  public Future<Void> observe(ObjectiveKey key, SlaObjective objective, Verdict verdict, Instant now) {
    boolean nowBreached = verdict.status() == SloStatus.BREACHED;
    boolean wasBreached = breached.getOrDefault(key.id(), false);
    if (nowBreached == wasBreached) {
      return Future.succeededFuture();
    }
    breached.put(key.id(), nowBreached);
    return nowBreached ? open(key, objective, verdict, now) : resolve(key, verdict, now);
  }

  private Future<Void> open(ObjectiveKey key, SlaObjective objective, Verdict verdict, Instant now) {
    String incidentId = "inc-" + UUID.randomUUID();
    Bson notBreached = Filters.and(Filters.eq("_id", key.id()), Filters.ne("status", "breached"));
    return Reactive.first(vertx, states.findOneAndUpdate(notBreached,
            Updates.combine(Updates.set("status", "breached"), Updates.set("incidentId", incidentId), Updates.set("since", Date.from(now))),
            new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)))
        .map(claimed -> true)
        .recover(err -> isDuplicateKey(err) ? Future.succeededFuture(false) : Future.failedFuture(err))
        .compose(claimed -> {
          if (!claimed) {
            return Future.succeededFuture(); // another node opened it
          }
          Document incident = new Document("_id", incidentId)
              .append("domain", key.domain()).append("product", key.product()).append("port", key.port())
              .append("property", key.property())
              .append("objective", new Document("value", objective.value()).append("unit", objective.unit()))
              .append("status", "open").append("openedAt", Date.from(now)).append("reason", verdict.reason());
          return Reactive.first(vertx, incidents.insertOne(incident))
              .compose(v -> events.append(CloudEvent.of(SOURCE, BREACHED, key.product(), eventData(key, incidentId, objective, verdict, now))))
              .mapEmpty();
        });
  }

  private Future<Void> resolve(ObjectiveKey key, Verdict verdict, Instant now) {
    Bson isBreached = Filters.and(Filters.eq("_id", key.id()), Filters.eq("status", "breached"));
    return Reactive.first(vertx, states.findOneAndUpdate(isBreached,
            Updates.combine(Updates.set("status", verdict.status().wire()), Updates.unset("incidentId"), Updates.set("since", Date.from(now))),
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE)))
        .compose(before -> {
          if (before == null || before.getString("incidentId") == null) {
            return Future.succeededFuture(); // another node resolved it
          }
          String incidentId = before.getString("incidentId");
          return Reactive.first(vertx, incidents.findOneAndUpdate(Filters.eq("_id", incidentId),
                  Updates.combine(Updates.set("status", "resolved"), Updates.set("resolvedAt", Date.from(now)),
                      Updates.set("resolution", verdict.reason())),
                  new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
              .compose(incident -> {
                JsonObject data = new JsonObject().put("incidentId", incidentId).put("domain", key.domain()).put("product", key.product())
                    .put("port", key.port()).put("property", key.property()).put("resolvedAt", now.toString())
                    .put("reason", verdict.reason());
                if (incident != null && incident.getDate("openedAt") != null) {
                  data.put("openedAt", incident.getDate("openedAt").toInstant().toString());
                }
                return events.append(CloudEvent.of(SOURCE, RECOVERED, key.product(), data));
              })
              .mapEmpty();
        });
  }

  /** Incidents, newest first; optionally of one product and/or one status (open, resolved). */
  public Future<List<JsonObject>> list(String product, String status, int limit) {
    List<Bson> filters = new ArrayList<>();
    if (product != null) {
      filters.add(Filters.eq("product", product));
    }
    if (status != null) {
      filters.add(Filters.eq("status", status));
    }
    Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
    return Reactive.all(vertx, incidents.find(filter).sort(Sorts.descending("openedAt")).limit(limit))
        .map(docs -> docs.stream().map(Incidents::toJson).toList());
  }

  private static JsonObject eventData(ObjectiveKey key, String incidentId, SlaObjective objective, Verdict verdict, Instant now) {
    JsonObject data = new JsonObject().put("incidentId", incidentId).put("domain", key.domain()).put("product", key.product())
        .put("port", key.port()).put("property", key.property()).put("value", objective.value()).put("unit", objective.unit())
        .put("openedAt", now.toString()).put("reason", verdict.reason());
    if (verdict.measured() != null) {
      data.put("measuredSeconds", verdict.measured().toSeconds());
    }
    return data;
  }

  private static JsonObject toJson(Document d) {
    JsonObject json = new JsonObject().put("id", d.getString("_id")).put("domain", d.getString("domain"))
        .put("product", d.getString("product")).put("port", d.getString("port")).put("property", d.getString("property"))
        .put("status", d.getString("status")).put("openedAt", d.getDate("openedAt").toInstant().toString())
        .put("reason", d.getString("reason"));
    Document objective = d.get("objective", Document.class);
    if (objective != null) {
      json.put("objective", new JsonObject().put("value", objective.getString("value")).put("unit", objective.getString("unit")));
    }
    if (d.getDate("resolvedAt") != null) {
      json.put("resolvedAt", d.getDate("resolvedAt").toInstant().toString()).put("resolution", d.getString("resolution"));
    }
    return json;
  }

  private static boolean isDuplicateKey(Throwable err) {
    return (err instanceof MongoWriteException w && w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY)
        || (err instanceof MongoCommandException c && c.getErrorCode() == 11000);
  }
}
