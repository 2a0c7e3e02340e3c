package io.meshwork.access.grant;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.meshwork.access.pdp.Grant;
import io.meshwork.access.pdp.Principal;
import io.meshwork.access.rowfilter.ColumnType;
import io.meshwork.access.rowfilter.RowFilterParser;
import io.meshwork.runtime.mongo.Reactive;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * Grants in the {@code grants} collection. A revoked grant is kept (with who and when) for the
 * record, never deleted. The row filter is stored as the approver wrote it, with the column types
 * it was checked against, so it is parsed back exactly as approved even if the contract moves on.
 */
public final class GrantRepository {

  /** A grant with its bookkeeping: the domain it governs, who approved it, whether it was revoked. */
  public record StoredGrant(Grant grant, String domain, String approvedBy, String rowFilterText, Instant revokedAt, String revokedBy) {

    public boolean active(Instant now) {
      return revokedAt == null && now.isBefore(grant.expiresAt());
    }
  }

  private final Vertx vertx;
  private final MongoCollection<Document> grants;

  public GrantRepository(Vertx vertx, MongoDatabase database) {
    this.vertx = vertx;
    this.grants = database.getCollection("grants");
  }

  public Future<Void> insert(StoredGrant stored, Map<String, ColumnType> columnTypes) {
    Grant g = stored.grant();
    Document types = new Document();
    columnTypes.forEach((name, type) -> types.append(name, type.name()));
    Document doc = new Document("_id", g.id())
        .append("principal", new Document("kind", g.principal().kind().name()).append("id", g.principal().id()))
        .append("productId", g.productId())
        .append("port", g.port())
        .append("domain", stored.domain())
        .append("purpose", g.purpose())
        .append("grantedAt", Date.from(g.grantedAt()))
        .append("expiresAt", Date.from(g.expiresAt()))
        .append("columns", List.copyOf(g.columns()))
        .append("unmasked", List.copyOf(g.unmasked()))
        .append("rowFilter", stored.rowFilterText())
        .append("columnTypes", types)
        .append("approvedBy", stored.approvedBy());
    return Reactive.first(vertx, grants.insertOne(doc)).mapEmpty();
  }

  public Future<Optional<StoredGrant>> find(String id) {
    return Reactive.first(vertx, grants.find(Filters.eq("_id", id)).first())
        .map(d -> Optional.ofNullable(d).map(GrantRepository::fromDocument));
  }

  public Future<List<StoredGrant>> all() {
    return Reactive.all(vertx, grants.find()).map(docs -> docs.stream().map(GrantRepository::fromDocument).toList());
  }

  /** Grants not revoked whose expiry has passed and has not been announced yet. */
  public Future<List<StoredGrant>> expiredUnannounced(Instant now) {
    return Reactive.all(vertx, grants.find(Filters.and(Filters.lte("expiresAt", Date.from(now)), Filters.eq("revokedAt", null),
            Filters.exists("expiryAnnouncedAt", false))))
        .map(docs -> docs.stream().map(GrantRepository::fromDocument).toList());
  }

  /**
   * Claims the announcement of a grant's expiry: true for exactly one caller, whichever node it runs
   * on (a single-document conditional update), so the expiry is announced once.
   */
  public Future<Boolean> claimExpiryAnnouncement(String id, Instant at) {
    return Reactive.first(vertx, grants.updateOne(Filters.and(Filters.eq("_id", id), Filters.exists("expiryAnnouncedAt", false)),
            new Document("$set", new Document("expiryAnnouncedAt", Date.from(at)))))
        .map(result -> result.getModifiedCount() == 1);
  }

  /** Marks a grant revoked; false if it was already revoked. */
  public Future<Boolean> revoke(String id, String by, Instant at) {
    return Reactive.first(vertx, grants.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("revokedAt", null)),
            new Document("$set", new Document("revokedAt", Date.from(at)).append("revokedBy", by))))
        .map(result -> result.getModifiedCount() == 1);
  }

  private static StoredGrant fromDocument(Document d) {
    Document principal = d.get("principal", Document.class);
    Map<String, ColumnType> types = new LinkedHashMap<>();
    d.get("columnTypes", Document.class).forEach((name, type) -> types.put(name, ColumnType.valueOf((String) type)));
    String filter = d.getString("rowFilter");
    Grant grant = new Grant(
        d.getString("_id"),
        new Principal(Principal.Kind.valueOf(principal.getString("kind")), principal.getString("id")),
        d.getString("productId"),
        d.getString("port"),
        d.getString("purpose"),
        d.getDate("grantedAt").toInstant(),
        d.getDate("expiresAt").toInstant(),
        new HashSet<>(d.getList("columns", String.class)),
        new HashSet<>(d.getList("unmasked", String.class)),
        Optional.ofNullable(filter).map(f -> RowFilterParser.parse(f, types, "/rowFilter")));
    Date revokedAt = d.getDate("revokedAt");
    return new StoredGrant(grant, d.getString("domain"), d.getString("approvedBy"), filter,
        revokedAt == null ? null : revokedAt.toInstant(), d.getString("revokedBy"));
  }
}
