package io.meshwork.catalog.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.meshwork.model.document.DocumentFormat;
import io.meshwork.model.error.ConflictException;
import io.meshwork.runtime.mongo.Reactive;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.bson.Document;

/**
 * One MongoDB collection of standard documents (ODPS products, ODCS contracts), one document per
 * id. The descriptor is stored verbatim as JSON text: MongoDB field names may not contain dots or
 * start with '$', and a descriptor may carry any unmodelled field, so the text is what guarantees
 * an exact round trip. The fields the platform queries on sit beside it, and a {@code revision}
 * counter makes every write conditional on what the writer read.
 */
public final class DescriptorCollection<T> {

  private static final int CHUNK = 1000;

  private final Vertx vertx;
  private final MongoCollection<Document> collection;
  private final String noun;
  private final Function<JsonNode, T> parse;

  /**
   * @param noun  how error messages name one element ("Product", "Contract")
   * @param parse turns a stored descriptor back into its record
   */
  public DescriptorCollection(Vertx vertx, MongoDatabase database, String name, String noun, Function<JsonNode, T> parse) {
    this.vertx = vertx;
    this.collection = database.getCollection(name);
    this.noun = noun;
    this.parse = parse;
  }

  public Future<Void> createIndexes() {
    return Reactive.first(vertx, collection.createIndex(Indexes.ascending("domain"), new IndexOptions().name("by_domain")))
        .mapEmpty();
  }

  public Future<Optional<Stored<T>>> find(String id) {
    return Reactive.first(vertx, collection.find(Filters.eq("_id", id)).first())
        .map(doc -> Optional.ofNullable(doc).map(this::fromDocument));
  }

  /**
   * Documents in id order. Read in chunks of {@value #CHUNK}, each after the last id read: one
   * reply holding a whole large catalog can exceed what the wire protocol carries (48 MB; the
   * embedded server does not split replies into batches).
   */
  public Future<List<T>> list(int offset, int limit) {
    List<T> all = new ArrayList<>();
    return Reactive.all(vertx, collection.find().sort(Sorts.ascending("_id")).skip(offset).limit(Math.min(limit, CHUNK)))
        .compose(first -> rest(first, limit, all));
  }

  private Future<List<T>> rest(List<Document> chunk, int limit, List<T> into) {
    chunk.forEach(d -> into.add(fromDocument(d).value()));
    int left = limit - into.size();
    if (chunk.size() < CHUNK || left <= 0) {
      return Future.succeededFuture(into);
    }
    String last = chunk.get(chunk.size() - 1).getString("_id");
    return Reactive.all(vertx, collection.find(Filters.gt("_id", last)).sort(Sorts.ascending("_id")).limit(Math.min(left, CHUNK)))
        .compose(next -> rest(next, limit, into));
  }

  public Future<Long> count() {
    return Reactive.first(vertx, collection.countDocuments());
  }

  /** Which of {@code ids} are registered. */
  public Future<Set<String>> existing(Collection<String> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    return Reactive.all(vertx, collection.find(Filters.in("_id", ids)).projection(Projections.include("_id")))
        .map(docs -> {
          Set<String> found = new HashSet<>();
          docs.forEach(d -> found.add(d.getString("_id")));
          return found;
        });
  }

  /** The value of a queryable field of every document, by id. */
  public Future<Map<String, String>> fieldByIds(String field) {
    return Reactive.all(vertx, collection.find().projection(Projections.include("_id", field)))
        .map(docs -> {
          Map<String, String> values = new HashMap<>();
          docs.forEach(d -> values.put(d.getString("_id"), d.getString(field)));
          return values;
        });
  }

  /** Ids of the documents whose queryable field {@code field} (a value or an array) contains {@code value}. */
  public Future<List<String>> idsWhere(String field, String value) {
    return Reactive.all(vertx, collection.find(Filters.eq(field, value)).projection(Projections.include("_id")).sort(Sorts.ascending("_id")))
        .map(docs -> docs.stream().map(d -> d.getString("_id")).toList());
  }

  /**
   * Inserts revision 1; fails with a conflict when another request created it first.
   *
   * @param fields the queryable fields stored beside the descriptor (domain, status…)
   */
  public Future<Void> insert(String id, Document fields, JsonNode descriptor, String by) {
    Document doc = toDocument(id, fields, descriptor, 1, by).append("createdAt", Date.from(Instant.now())).append("createdBy", by);
    return Reactive.first(vertx, collection.insertOne(doc))
        .recover(err -> Future.failedFuture(isDuplicateKey(err)
            ? new ConflictException(noun + " " + id + " was created concurrently; retry the request")
            : err))
        .mapEmpty();
  }

  /** Replaces the document if nobody changed it since {@code readRevision}; else a conflict. */
  public Future<Void> replace(String id, long readRevision, Document fields, JsonNode descriptor, String by) {
    Document update = new Document("$set", toDocument(id, fields, descriptor, readRevision + 1, by));
    return Reactive.first(vertx, collection.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("revision", readRevision)), update))
        .map(result -> {
          if (result.getMatchedCount() == 0) {
            throw new ConflictException(noun + " " + id + " was changed concurrently; retry the request");
          }
          return null;
        });
  }

  /** Deletes the document if nobody changed it since {@code readRevision}; else a conflict. */
  public Future<Void> delete(String id, long readRevision) {
    return Reactive.first(vertx, collection.deleteOne(Filters.and(Filters.eq("_id", id), Filters.eq("revision", readRevision))))
        .map(result -> {
          if (result.getDeletedCount() == 0) {
            throw new ConflictException(noun + " " + id + " was changed concurrently; retry the request");
          }
          return null;
        });
  }

  private static Document toDocument(String id, Document fields, JsonNode descriptor, long revision, String by) {
    Document doc = new Document("_id", id);
    doc.putAll(fields);
    return doc.append("revision", revision)
        .append("descriptor", DocumentFormat.JSON.write(descriptor))
        .append("updatedAt", Date.from(Instant.now()))
        .append("updatedBy", by);
  }

  private Stored<T> fromDocument(Document doc) {
    byte[] json = doc.getString("descriptor").getBytes(StandardCharsets.UTF_8);
    return new Stored<>(parse.apply(DocumentFormat.JSON.read(json)), ((Number) doc.get("revision")).longValue());
  }

  private static boolean isDuplicateKey(Throwable err) {
    return err instanceof MongoWriteException write && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
  }
}
