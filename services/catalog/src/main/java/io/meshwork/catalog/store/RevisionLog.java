package io.meshwork.catalog.store;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.meshwork.model.document.DocumentFormat;
import io.meshwork.model.lifecycle.Change;
import io.meshwork.runtime.mongo.Reactive;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * The history of one kind of registered thing ({@code product_revisions}, {@code contract_revisions}):
 * one document per revision, keyed {@code <id>/<revision>} and only ever inserted, never updated.
 *
 * <p>A revision is written after the head document it describes, not before: without
 * transactions one of the two writes can be lost in a crash, and losing a history entry is
 * better than a history entry for a change that never happened — which, written first, would also
 * block the next writer on its duplicate key forever.
 */
public final class RevisionLog {

  private final Vertx vertx;
  private final MongoCollection<Document> revisions;

  public RevisionLog(Vertx vertx, MongoDatabase database, String collection) {
    this.vertx = vertx;
    this.revisions = database.getCollection(collection);
  }

  public Future<Void> append(Revision revision) {
    Document doc = new Document("_id", revision.subject() + "/" + revision.revision())
        .append("subject", revision.subject())
        .append("revision", revision.revision())
        .append("version", revision.version())
        .append("status", revision.status())
        .append("at", Date.from(revision.at()))
        .append("by", revision.by())
        .append("changes", revision.changes().stream()
            .map(c -> new Document("element", c.element()).append("description", c.description()).append("breaking", c.breaking()))
            .toList())
        .append("descriptor", revision.deleted() ? null : DocumentFormat.JSON.write(revision.descriptor()));
    return Reactive.first(vertx, revisions.insertOne(doc)).mapEmpty();
  }

  /** Every revision of {@code subject}, newest first. */
  public Future<List<Revision>> history(String subject) {
    return Reactive.all(vertx, revisions.find(Filters.eq("subject", subject)).sort(Sorts.descending("revision")))
        .map(docs -> docs.stream().map(RevisionLog::fromDocument).toList());
  }

  private static Revision fromDocument(Document doc) {
    List<Change> changes = doc.getList("changes", Document.class).stream()
        .map(c -> new Change(c.getString("element"), c.getString("description"), c.getBoolean("breaking", false)))
        .toList();
    String descriptor = doc.getString("descriptor");
    return new Revision(doc.getString("subject"), ((Number) doc.get("revision")).longValue(), doc.getString("version"),
        doc.getString("status"), doc.getDate("at").toInstant(), doc.getString("by"), changes,
        descriptor == null ? null : DocumentFormat.JSON.read(descriptor.getBytes(StandardCharsets.UTF_8)));
  }
}
