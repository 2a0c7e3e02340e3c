package io.meshwork.monitoring.usage;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.meshwork.runtime.events.EventLog;
import io.meshwork.runtime.mongo.Reactive;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Usage of each product from the data plane's {@code io.meshwork.query.served} events: one
 * {@code usage_hourly} document per product and hour with the number of queries, the rows served,
 * the set of consumers (token subjects, never what they read) and per consumer its username,
 * queries and rows. Hour buckets keep the collection bounded by products × hours kept
 * ({@link #prune}). Who the consumers are is only shown to whom {@link #usage} is told may see it.
 */
public final class UsageStore {

  public static final String QUERY_SERVED = "io.meshwork.query.served";
  private static final Pattern SAFE_KEY = Pattern.compile("[A-Za-z0-9_-]{1,128}");
  private static final Logger LOG = LoggerFactory.getLogger(UsageStore.class);

  /** Granularity of the usage series. */
  public enum Interval {
    HOUR(ChronoUnit.HOURS), DAY(ChronoUnit.DAYS);

    final ChronoUnit unit;

    Interval(ChronoUnit unit) {
      this.unit = unit;
    }
  }

  private final Vertx vertx;
  private final MongoCollection<Document> usage;

  public UsageStore(Vertx vertx, MongoDatabase database) {
    this.vertx = vertx;
    this.usage = database.getCollection("usage_hourly");
  }

  public void listen() {
    vertx.eventBus().<JsonObject>consumer(EventLog.ADDRESS, message -> {
      JsonObject event = message.body();
      if (QUERY_SERVED.equals(event.getString("type"))) {
        JsonObject data = event.getJsonObject("data", new JsonObject());
        Instant at = event.getString("time") == null ? Instant.now() : Instant.parse(event.getString("time"));
        served(data.getString("product"), data.getString("domain"), data.getString("subject"), data.getString("username"), data.getLong("rows", 0L), at)
            .onFailure(err -> LOG.warn("usage of {} not recorded: {}", data.getString("product"), err.toString()));
      }
    });
  }

  /** One query answered for {@code subject} ({@code username}): counts it in the product's hour. */
  public Future<Void> served(String product, String domain, String subject, String username, long rows, Instant at) {
    if (product == null) {
      return Future.succeededFuture();
    }
    Instant hour = at.truncatedTo(ChronoUnit.HOURS);
    List<Bson> updates = new ArrayList<>(List.of(
        Updates.setOnInsert("product", product), Updates.setOnInsert("hour", Date.from(hour)),
        Updates.set("domain", domain),
        Updates.inc("queries", 1L), Updates.inc("rows", rows),
        subject == null ? Updates.inc("anonymous", 1L) : Updates.addToSet("consumers", subject)));
    // per consumer, keyed by the subject when it is a safe field name (Keycloak's are UUIDs)
    if (subject != null && SAFE_KEY.matcher(subject).matches()) {
      updates.add(Updates.inc("by." + subject + ".queries", 1L));
      updates.add(Updates.inc("by." + subject + ".rows", rows));
      if (username != null) {
        updates.add(Updates.set("by." + subject + ".username", username));
      }
    }
    var update = Updates.combine(updates);
    return Reactive.first(vertx, usage.updateOne(Filters.eq("_id", product + "/" + hour.toEpochMilli()), update, new UpdateOptions().upsert(true)))
        .mapEmpty();
  }

  /**
   * Totals and a series over [from, to) for a product: queries, rows served, distinct consumers;
   * with {@code identities}, also who the consumers are (subject, username, queries, rows, last
   * hour seen), most queries first.
   */
  public Future<JsonObject> usage(String product, Instant from, Instant to, Interval interval, boolean identities) {
    return Reactive.all(vertx, usage.find(Filters.and(Filters.eq("product", product), Filters.gte("hour", Date.from(from.truncatedTo(ChronoUnit.HOURS))),
            Filters.lt("hour", Date.from(to)))).sort(Sorts.ascending("hour")))
        .map(docs -> {
          Map<Instant, long[]> counts = new LinkedHashMap<>();
          Map<Instant, Set<String>> consumers = new LinkedHashMap<>();
          Set<String> allConsumers = new HashSet<>();
          Map<String, JsonObject> who = new LinkedHashMap<>();
          long queries = 0;
          long rows = 0;
          for (Document d : docs) {
            Instant bucket = d.getDate("hour").toInstant().truncatedTo(interval.unit);
            long q = number(d, "queries");
            long r = number(d, "rows");
            queries += q;
            rows += r;
            long[] c = counts.computeIfAbsent(bucket, b -> new long[2]);
            c[0] += q;
            c[1] += r;
            List<String> subjects = d.getList("consumers", String.class, List.of());
            consumers.computeIfAbsent(bucket, b -> new HashSet<>()).addAll(subjects);
            allConsumers.addAll(subjects);
            if (identities) {
              Instant hour = d.getDate("hour").toInstant();
              Document by = d.get("by", Document.class);
              for (String subject : subjects) {
                Document one = by == null ? null : by.get(subject, Document.class);
                JsonObject consumer = who.computeIfAbsent(subject, k -> new JsonObject().put("subject", k).put("queries", 0L).put("rows", 0L));
                consumer.put("lastSeen", hour.toString());
                if (one != null) {
                  consumer.put("queries", consumer.getLong("queries") + number(one, "queries"))
                      .put("rows", consumer.getLong("rows") + number(one, "rows"));
                  if (one.getString("username") != null) {
                    consumer.put("username", one.getString("username"));
                  }
                }
              }
            }
          }
          JsonArray series = new JsonArray();
          counts.forEach((bucket, c) -> series.add(new JsonObject().put("start", bucket.toString()).put("queries", c[0]).put("rows", c[1])
              .put("consumers", consumers.get(bucket).size())));
          JsonObject answer = new JsonObject().put("product", product).put("from", from.toString()).put("to", to.toString())
              .put("interval", interval.name().toLowerCase(java.util.Locale.ROOT))
              .put("totals", new JsonObject().put("queries", queries).put("rows", rows).put("consumers", allConsumers.size()))
              .put("series", series);
          if (identities) {
            answer.put("consumers", new JsonArray(who.values().stream()
                .sorted(Comparator.comparingLong((JsonObject c) -> -c.getLong("queries")).thenComparing(c -> c.getString("subject"))).toList()));
          }
          return answer;
        });
  }

  /** Deletes hour buckets older than {@code retention}. */
  public Future<Long> prune(Duration retention, Instant now) {
    return Reactive.first(vertx, usage.deleteMany(Filters.lt("hour", Date.from(now.minus(retention))))).map(r -> r.getDeletedCount());
  }

  private static long number(Document d, String field) {
    Number n = d.get(field, Number.class);
    return n == null ? 0 : n.longValue();
  }
}
