package io.meshwork.access.audit;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.meshwork.observability.Telemetry;
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
 * The append-only record of access governance: every request, decision on a request, revocation
 * and data-access decision, with who, when, what, and the trace id of the call that caused it.
 * There is no update or delete here, and no API for either.
 *
 * <p>The steps of a request's life and revocations also leave the mesh as CloudEvents: each such
 * entry is appended to the {@link EventLog} too, as {@code io.meshwork.access.<step>} with the
 * request (or, for a revocation or an expiry, the grant) as subject and the entry as data. Recording both in one
 * place keeps the feed and the audit log from drifting apart.
 */
public final class AuditLog {

  /** Which entries to read; null fields do not filter. */
  public record Query(String productId, String principal, Instant from, Instant to, List<String> domains, int offset, int limit) {}

  public static final String EVENT_SOURCE = "/meshwork/access";
  /** Audit actions that are also events, with their CloudEvents type; decisions and policy changes are not. */
  private static final Map<String, String> EVENT_TYPES = Map.of(
      "access.requested", "io.meshwork.access.requested",
      "access.approved", "io.meshwork.access.approved",
      "access.denied", "io.meshwork.access.denied",
      "access.withdrawn", "io.meshwork.access.withdrawn",
      "grant.revoked", "io.meshwork.access.revoked",
      "grant.expired", "io.meshwork.access.expired");

  private final Vertx vertx;
  private final MongoCollection<Document> entries;
  private final EventLog events;

  public AuditLog(Vertx vertx, MongoDatabase database, EventLog events) {
    this.vertx = vertx;
    this.entries = database.getCollection("audit");
    this.events = events;
  }

  /**
   * Appends an entry.
   *
   * @param action e.g. access.requested, access.approved, access.denied, access.withdrawn, grant.revoked, grant.expired, decision.allowed
   * @param principal whom the entry is about (the requester, the grantee, the subject of a decision)
   */
  public Future<Void> append(String action, String actor, String principal, String productId, String port, String domain, JsonObject details) {
    Document entry = new Document("_id", UUID.randomUUID().toString())
        .append("at", Date.from(Instant.now()))
        .append("action", action)
        .append("actor", actor)
        .append("principal", principal)
        .append("productId", productId)
        .append("port", port)
        .append("domain", domain)
        .append("details", Document.parse(details.encode()))
        .append("traceId", Telemetry.currentTraceId());
    return Reactive.first(vertx, entries.insertOne(entry)).compose(inserted -> emit(action, details, toJson(entry)));
  }

  /** The event of an entry, if its action is one; a repeated revocation changes nothing and is not one. */
  private Future<Void> emit(String action, JsonObject details, JsonObject entry) {
    String type = EVENT_TYPES.get(action);
    if (type == null || details.getBoolean("alreadyRevoked", false)) {
      return Future.succeededFuture();
    }
    String subject = action.startsWith("grant.") ? details.getString("grantId") : details.getString("requestId");
    return events.append(CloudEvent.of(EVENT_SOURCE, type, subject, entry)).mapEmpty();
  }

  public Future<List<JsonObject>> read(Query query) {
    List<Bson> filters = new ArrayList<>();
    if (query.productId() != null) {
      filters.add(Filters.eq("productId", query.productId()));
    }
    if (query.principal() != null) {
      filters.add(Filters.eq("principal", query.principal()));
    }
    if (query.from() != null) {
      filters.add(Filters.gte("at", Date.from(query.from())));
    }
    if (query.to() != null) {
      filters.add(Filters.lt("at", Date.from(query.to())));
    }
    if (query.domains() != null) {
      filters.add(Filters.in("domain", query.domains()));
    }
    Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
    return Reactive.all(vertx, entries.find(filter).sort(Sorts.descending("at")).skip(query.offset()).limit(query.limit()))
        .map(docs -> docs.stream().map(AuditLog::toJson).toList());
  }

  private static JsonObject toJson(Document d) {
    JsonObject json = new JsonObject()
        .put("id", d.getString("_id"))
        .put("at", d.getDate("at").toInstant().toString())
        .put("action", d.getString("action"))
        .put("actor", d.getString("actor"))
        .put("principal", d.getString("principal"))
        .put("productId", d.getString("productId"))
        .put("port", d.getString("port"))
        .put("domain", d.getString("domain"))
        .put("details", new JsonObject(d.get("details", Document.class).toJson()));
    if (d.getString("traceId") != null) {
      json.put("traceId", d.getString("traceId"));
    }
    return json;
  }
}
