package io.meshwork.runtime.events;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.meshwork.runtime.mongo.Reactive;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The mesh's event feed: CloudEvents appended to the {@code events} collection, each with a
 * sequence number that readers use as a cursor ({@link #read}), and published on the event bus
 * ({@value #ADDRESS}) for in-process listeners.
 *
 * <p>Why a counter and not time + id: clocks of several nodes disagree and two events can share a
 * millisecond, so "everything after this time" either repeats or loses events. A counter document
 * incremented atomically ({@code findOneAndUpdate $inc}, single-document atomicity — no transaction
 * needed) gives every event a distinct, increasing number. A number taken is not yet a number
 * visible, though: if event 6 were stored before event 5, a reader at cursor 6 would never see 5.
 * So a node appends one event at a time, in sequence order. Across several nodes sharing one
 * database that window remains (milliseconds between taking a number and storing the event); a
 * crash inside it leaves a gap, which readers simply skip.
 */
public final class EventLog {

  /** The event-bus address every appended event is published on, in structured JSON mode. */
  public static final String ADDRESS = "meshwork.events";
  public static final int MAX_LIMIT = 500;

  /** A page of the feed and the cursor to read the next one from. */
  public record Page(List<CloudEvent> items, long next) {}

  private static final String COUNTER_ID = "events";

  private final Vertx vertx;
  private final MongoCollection<Document> events;
  private final MongoCollection<Document> counters;
  /** The previous append; the next one starts when it is done (see the class comment). */
  private Future<?> tail = Future.succeededFuture();

  public EventLog(Vertx vertx, MongoDatabase database) {
    this.vertx = vertx;
    this.events = database.getCollection("events");
    this.counters = database.getCollection("counters");
  }

  /** Creates the index the feed reads by. */
  public Future<Void> start() {
    return Reactive.first(vertx, events.createIndex(Indexes.ascending("seq"), new IndexOptions().name("by_seq").unique(true))).mapEmpty();
  }

  /** Appends an event after every earlier append of this node; completes with the event and its sequence. */
  public Future<CloudEvent> append(CloudEvent event) {
    Context caller = vertx.getOrCreateContext();
    Promise<CloudEvent> result = Promise.promise();
    synchronized (this) {
      tail = tail.transform(previous -> write(event).andThen(done -> caller.runOnContext(v -> result.handle(done))));
    }
    return result.future();
  }

  private Future<CloudEvent> write(CloudEvent event) {
    return Reactive.first(vertx, counters.findOneAndUpdate(Filters.eq("_id", COUNTER_ID), Updates.inc("value", 1L),
            new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)))
        .compose(counter -> {
          CloudEvent sequenced = event.withSequence(counter.get("value", Number.class).longValue());
          return Reactive.first(vertx, events.insertOne(toDocument(sequenced))).map(inserted -> sequenced);
        })
        .onSuccess(sequenced -> vertx.eventBus().publish(ADDRESS, sequenced.toJson()));
  }

  /** The sequence of the newest event appended so far (0 when none): where a reader that wants only new events starts. */
  public Future<Long> lastSequence() {
    return Reactive.first(vertx, counters.find(Filters.eq("_id", COUNTER_ID)).first())
        .map(counter -> counter == null ? 0L : counter.get("value", Number.class).longValue());
  }

  /**
   * Events with a sequence greater than {@code after}, oldest first, at most {@code limit}
   * (1–{@value #MAX_LIMIT}); only types starting with {@code typePrefix} when it is not null.
   */
  public Future<Page> read(long after, String typePrefix, int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
    }
    List<Bson> filters = new ArrayList<>(List.of(Filters.gt("seq", after)));
    if (typePrefix != null) {
      filters.add(Filters.regex("type", "^" + Pattern.quote(typePrefix)));
    }
    return Reactive.all(vertx, events.find(Filters.and(filters)).sort(Sorts.ascending("seq")).limit(limit))
        .map(docs -> {
          List<CloudEvent> items = docs.stream().map(EventLog::fromDocument).toList();
          return new Page(items, items.isEmpty() ? after : items.get(items.size() - 1).sequence());
        });
  }

  private static Document toDocument(CloudEvent event) {
    return new Document("_id", event.id())
        .append("seq", event.sequence())
        .append("source", event.source())
        .append("type", event.type())
        .append("subject", event.subject())
        .append("time", Date.from(event.time()))
        .append("data", Document.parse(event.data().encode()));
  }

  private static CloudEvent fromDocument(Document d) {
    return new CloudEvent(d.getString("_id"), d.getString("source"), d.getString("type"), d.getString("subject"),
        d.getDate("time").toInstant(), new JsonObject(d.get("data", Document.class).toJson()), d.get("seq", Number.class).longValue());
  }
}
