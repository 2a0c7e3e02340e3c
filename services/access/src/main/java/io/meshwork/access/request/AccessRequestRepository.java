package io.meshwork.access.request;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.meshwork.access.pdp.Principal;
import io.meshwork.model.error.ConflictException;
import io.meshwork.runtime.mongo.Reactive;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/** Access requests in the {@code access_requests} collection, one document each. */
final class AccessRequestRepository {

  private final Vertx vertx;
  private final MongoCollection<Document> requests;

  AccessRequestRepository(Vertx vertx, MongoDatabase database) {
    this.vertx = vertx;
    this.requests = database.getCollection("access_requests");
  }

  Future<Void> insert(AccessRequest request) {
    return Reactive.first(vertx, requests.insertOne(toDocument(request))).mapEmpty();
  }

  Future<Optional<AccessRequest>> find(String id) {
    return Reactive.first(vertx, requests.find(Filters.eq("_id", id)).first()).map(d -> Optional.ofNullable(d).map(AccessRequestRepository::fromDocument));
  }

  /** Requests made by a user (by user name: group requests carry the group as requester id). */
  Future<List<AccessRequest>> byRequester(String requesterName) {
    return list(Filters.eq("requester.name", requesterName));
  }

  /** Pending requests of the given domains, or naming one of the given users or groups as approver. */
  Future<List<AccessRequest>> pendingFor(List<String> domains, List<String> approverNames) {
    return list(Filters.and(Filters.eq("status", RequestStatus.PENDING.wireName()),
        Filters.or(Filters.in("domain", domains), Filters.in("approvers", approverNames))));
  }

  private Future<List<AccessRequest>> list(Bson filter) {
    return Reactive.all(vertx, requests.find(filter).sort(Sorts.descending("createdAt")).limit(500))
        .map(docs -> docs.stream().map(AccessRequestRepository::fromDocument).toList());
  }

  /**
   * Records a decision only if the request is still pending as read: single-document atomicity
   * instead of a transaction, so two owners deciding at once cannot both win.
   */
  Future<Void> decide(AccessRequest decided) {
    Bson stillPending = Filters.and(Filters.eq("_id", decided.id()), Filters.eq("status", RequestStatus.PENDING.wireName()),
        Filters.eq("revision", decided.revision()));
    Document update = new Document("$set", new Document("status", decided.status().wireName())
        .append("decidedBy", decided.decidedBy())
        .append("decidedAt", Date.from(decided.decidedAt()))
        .append("decisionReason", decided.decisionReason())
        .append("grantId", decided.grantId())
        .append("revision", decided.revision() + 1));
    return Reactive.first(vertx, requests.updateOne(stillPending, update)).map(result -> {
      if (result.getMatchedCount() == 0) {
        throw new ConflictException("Access request " + decided.id() + " was decided concurrently; reload it");
      }
      return null;
    });
  }

  private static Document toDocument(AccessRequest r) {
    return new Document("_id", r.id())
        .append("requester", new Document("kind", r.requester().kind().name()).append("id", r.requester().id()).append("name", r.requesterName()))
        .append("productId", r.productId())
        .append("port", r.port())
        .append("domain", r.domain())
        .append("approvers", List.copyOf(r.approvers()))
        .append("purpose", r.purpose())
        .append("justification", r.justification())
        .append("durationDays", r.durationDays())
        .append("columns", List.copyOf(r.columns()))
        .append("policyFeedback", r.policyFeedback())
        .append("status", r.status().wireName())
        .append("createdAt", Date.from(r.createdAt()))
        .append("revision", r.revision());
  }

  private static AccessRequest fromDocument(Document d) {
    Document requester = d.get("requester", Document.class);
    Date decidedAt = d.getDate("decidedAt");
    return new AccessRequest(
        d.getString("_id"),
        new Principal(Principal.Kind.valueOf(requester.getString("kind")), requester.getString("id")),
        requester.getString("name"),
        d.getString("productId"),
        d.getString("port"),
        d.getString("domain"),
        new HashSet<>(d.getList("approvers", String.class, List.of())),
        d.getString("purpose"),
        d.getString("justification"),
        d.getInteger("durationDays"),
        new HashSet<>(d.getList("columns", String.class)),
        d.getList("policyFeedback", String.class),
        RequestStatus.valueOf(d.getString("status").toUpperCase(java.util.Locale.ROOT)),
        d.getDate("createdAt").toInstant(),
        d.getString("decidedBy"),
        decidedAt == null ? null : decidedAt.toInstant(),
        d.getString("decisionReason"),
        d.getString("grantId"),
        ((Number) d.get("revision")).longValue());
  }
}
