package io.meshwork.runtime.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.reactivestreams.client.MongoClient;
import io.meshwork.runtime.mongo.EmbeddedMongo;
import io.meshwork.runtime.mongo.MongoFactory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The feed over the embedded MongoDB-wire server and the real driver: order, cursors, type filter, paging, event bus. */
class EventLogTest {

  private final Vertx vertx = Vertx.vertx();
  private final EmbeddedMongo mongo = EmbeddedMongo.inMemory("127.0.0.1");
  private final MongoClient client = MongoFactory.create(mongo.connectionString());
  private EventLog log;

  @BeforeEach
  void start() throws Exception {
    log = new EventLog(vertx, client.getDatabase("events-test"));
    await(log.start());
  }

  @AfterEach
  void stop() throws Exception {
    await(vertx.close());
    client.close();
    mongo.close();
  }

  @Test
  void concurrentAppendsGetIncreasingSequencesAndAreReadInThatOrder() throws Exception {
    List<Future<CloudEvent>> appends = IntStream.range(0, 40)
        .mapToObj(i -> log.append(CloudEvent.of("/test", i % 2 == 0 ? "io.meshwork.access.requested" : "io.meshwork.catalog.registered",
            "s" + i, new JsonObject().put("i", i))))
        .toList();
    await(Future.all(appends));
    List<Long> sequences = appends.stream().map(f -> f.result().sequence()).toList();
    assertThat(sequences).as("one number each, in the order appended").containsExactlyElementsOf(
        IntStream.rangeClosed(1, 40).mapToObj(Long::valueOf).toList());

    EventLog.Page all = await(log.read(0, null, 500));
    assertThat(all.items()).hasSize(40);
    assertThat(all.items()).extracting(e -> e.data().getInteger("i")).containsExactlyElementsOf(IntStream.range(0, 40).boxed().toList());
    assertThat(all.next()).isEqualTo(40);
    CloudEvent first = all.items().get(0);
    assertThat(first).isEqualTo(appends.get(0).result());
    JsonObject json = first.toJson();
    assertThat(json.getString("specversion")).isEqualTo("1.0");
    assertThat(json.getString("datacontenttype")).isEqualTo("application/json");
    assertThat(json.getString("sequence")).isEqualTo("1");
    assertThat(json.getString("subject")).isEqualTo("s0");
    assertThat(json.fieldNames()).contains("id", "source", "type", "time", "data");
  }

  @Test
  void pagesFollowTheCursorAndFilterByTypePrefix() throws Exception {
    for (int i = 0; i < 12; i++) {
      await(log.append(CloudEvent.of("/test", i % 3 == 0 ? "io.meshwork.access.approved" : "io.meshwork.catalog.registered",
          null, new JsonObject().put("i", i))));
    }
    List<Integer> seen = new ArrayList<>();
    long cursor = 0;
    EventLog.Page page;
    do {
      page = await(log.read(cursor, "io.meshwork.access", 3));
      page.items().forEach(e -> {
        assertThat(e.type()).isEqualTo("io.meshwork.access.approved");
        seen.add(e.data().getInteger("i"));
      });
      assertThat(page.next()).isGreaterThanOrEqualTo(cursor);
      cursor = page.next();
    } while (!page.items().isEmpty());
    assertThat(seen).containsExactly(0, 3, 6, 9);
    assertThat(cursor).as("the last access event").isEqualTo(10);

    EventLog.Page rest = await(log.read(10, null, 500));
    assertThat(rest.items()).extracting(e -> e.data().getInteger("i")).containsExactly(10, 11);
    EventLog.Page none = await(log.read(12, null, 500));
    assertThat(none.items()).isEmpty();
    assertThat(none.next()).as("an empty page keeps the cursor").isEqualTo(12);
    assertThat(await(log.read(0, "io.meshwork.acc.", 10)).items()).as("the dot is not a wildcard").isEmpty();
    assertThatThrownBy(() -> log.read(0, null, 501)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyAppendedEventIsPublishedOnTheEventBus() throws Exception {
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    await(vertx.eventBus().<JsonObject>consumer(EventLog.ADDRESS, message -> received.add(message.body())).completion());
    CloudEvent appended = await(log.append(CloudEvent.of("/test", "io.meshwork.access.revoked", "g1", new JsonObject().put("grantId", "g1"))));
    long deadline = System.currentTimeMillis() + 5_000;
    while (received.isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertThat(received).containsExactly(appended.toJson());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
