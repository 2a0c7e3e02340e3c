package io.meshwork.catalog.governance;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.meshwork.runtime.mongo.Reactive;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * The governance rules as data ({@code governance_rules}, one document per rule). Rules are read
 * from the store on every check rather than cached: there are few of them, and every node of the
 * mesh then applies the same rules the moment an admin changes one.
 */
final class RuleRepository {

  /** Marks that the default rules were seeded once, so a default rule an admin deleted stays deleted. */
  private static final String SEEDED_MARKER = "governance-default-rules";

  private final Vertx vertx;
  private final MongoCollection<Document> rules;
  private final MongoCollection<Document> markers;

  RuleRepository(Vertx vertx, MongoDatabase database) {
    this.vertx = vertx;
    this.rules = database.getCollection("governance_rules");
    this.markers = database.getCollection("catalog_markers");
  }

  Future<List<GovernanceRule>> all() {
    return Reactive.all(vertx, rules.find().sort(Sorts.ascending("_id"))).map(docs -> docs.stream().map(RuleRepository::fromDocument).toList());
  }

  Future<Optional<GovernanceRule>> find(String id) {
    return Reactive.first(vertx, rules.find(Filters.eq("_id", id)).first()).map(doc -> Optional.ofNullable(doc).map(RuleRepository::fromDocument));
  }

  Future<Void> save(GovernanceRule rule, String by) {
    return Reactive.first(vertx, rules.replaceOne(Filters.eq("_id", rule.id()), toDocument(rule, by), new ReplaceOptions().upsert(true))).mapEmpty();
  }

  Future<Boolean> delete(String id) {
    return Reactive.first(vertx, rules.deleteOne(Filters.eq("_id", id))).map(result -> result.getDeletedCount() > 0);
  }

  /**
   * Stores the default rules unless they were seeded before: the rules first (an existing rule of
   * the same id is left as it is), then the marker — a crash in between seeds again, harmlessly.
   */
  Future<Void> seedOnce(List<GovernanceRule> defaults) {
    return Reactive.first(vertx, markers.find(Filters.eq("_id", SEEDED_MARKER)).first()).compose(marker -> {
      if (marker != null) {
        return Future.succeededFuture();
      }
      List<Future<Void>> inserts = defaults.stream()
          .map(rule -> Reactive.first(vertx, rules.insertOne(toDocument(rule, "meshwork"))).<Void>mapEmpty()
              .recover(err -> isDuplicateKey(err) ? Future.succeededFuture() : Future.failedFuture(err)))
          .toList();
      return Future.all(inserts)
          .compose(v -> Reactive.first(vertx, markers.replaceOne(Filters.eq("_id", SEEDED_MARKER),
              new Document("_id", SEEDED_MARKER).append("at", Date.from(Instant.now())), new ReplaceOptions().upsert(true))))
          .mapEmpty();
    });
  }

  private static Document toDocument(GovernanceRule rule, String by) {
    return new Document("_id", rule.id())
        .append("kind", rule.kind().wireName())
        .append("appliesTo", rule.appliesTo().wireName())
        .append("domain", rule.domain())
        .append("description", rule.description())
        .append("pointer", rule.pointer())
        .append("updatedAt", Date.from(Instant.now()))
        .append("updatedBy", by);
  }

  private static GovernanceRule fromDocument(Document doc) {
    return new GovernanceRule(doc.getString("_id"), RuleKind.fromWire(doc.getString("kind")).orElseThrow(),
        Target.fromWire(doc.getString("appliesTo")).orElseThrow(), doc.getString("domain"), doc.getString("description"),
        doc.getString("pointer"));
  }

  private static boolean isDuplicateKey(Throwable err) {
    return err instanceof MongoWriteException write && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
  }
}
