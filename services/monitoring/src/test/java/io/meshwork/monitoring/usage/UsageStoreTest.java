package io.meshwork.monitoring.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import io.meshwork.runtime.mongo.EmbeddedMongo;
import io.meshwork.runtime.mongo.MongoFactory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Usage per product and hour in the embedded MongoDB-wire server: counted for all, named only when asked. */
class UsageStoreTest {

  private static final Instant NINE = Instant.parse("2026-11-25T09:10:00Z");
  private final Vertx vertx = Vertx.vertx();
  private final EmbeddedMongo mongo = EmbeddedMongo.inMemory("127.0.0.1");
  private final MongoClient client = MongoFactory.create(mongo.connectionString());
  private final UsageStore store = new UsageStore(vertx, client.getDatabase("usage-test"));

  @AfterEach
  void tearDown() throws Exception {
    await(vertx.close());
    client.close();
    mongo.close();
  }

  @Test
  void everyoneSeesCountsAndOnlyOwnersSeeWhoTheConsumersAre() throws Exception {
    await(store.served("orders-daily", "orders", "a1b2-carlos", "carlos", 10, NINE));
    await(store.served("orders-daily", "orders", "a1b2-carlos", "carlos", 5, NINE.plusSeconds(3600)));
    await(store.served("orders-daily", "orders", "c3d4-dana", "dana", 7, NINE.plusSeconds(3700)));
    await(store.served("orders-daily", "orders", null, null, 1, NINE.plusSeconds(3700)));
    await(store.served("other", "orders", "c3d4-dana", "dana", 99, NINE));
    Instant from = NINE.minusSeconds(3600);
    Instant to = NINE.plusSeconds(4 * 3600);

    JsonObject counted = await(store.usage("orders-daily", from, to, UsageStore.Interval.HOUR, false));
    assertThat(counted.getJsonObject("totals").getMap()).containsEntry("queries", 4L).containsEntry("rows", 23L).containsEntry("consumers", 2);
    assertThat(counted.getJsonArray("series")).hasSize(2);
    assertThat(counted.containsKey("consumers")).isFalse();
    assertThat(counted.encode()).doesNotContain("carlos", "dana", "a1b2");

    JsonObject named = await(store.usage("orders-daily", from, to, UsageStore.Interval.DAY, true));
    assertThat(named.getJsonArray("consumers")).hasSize(2);
    JsonObject carlos = named.getJsonArray("consumers").getJsonObject(0);
    assertThat(carlos.getString("username")).isEqualTo("carlos");
    assertThat(carlos.getLong("queries")).isEqualTo(2);
    assertThat(carlos.getLong("rows")).isEqualTo(15);
    assertThat(carlos.getString("lastSeen")).isEqualTo("2026-11-25T10:00:00Z");
    assertThat(named.getJsonArray("consumers").getJsonObject(1).getMap()).containsEntry("username", "dana").containsEntry("queries", 1L);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
