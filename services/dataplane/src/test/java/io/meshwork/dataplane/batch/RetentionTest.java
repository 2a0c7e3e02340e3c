package io.meshwork.dataplane.batch;

import static io.meshwork.dataplane.TestContracts.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwork.dataplane.PortContract;
import io.meshwork.dataplane.PortContracts;
import io.meshwork.dataplane.TestContracts;
import io.meshwork.dataplane.storage.DomainDatabases;
import io.meshwork.dataplane.storage.PortSchema;
import io.meshwork.model.contract.DataContract;
import io.meshwork.model.lifecycle.Lifecycle;
import io.meshwork.runtime.events.CloudEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {

  @TempDir Path home;

  @Test
  void batchesOlderThanTheContractsRetentionAreDeletedAndRetiredNothingElse() throws Exception {
    // order-lines-v1 keeps batches 2 years (slaProperties retention: 2 y)
    PortContract orders = new PortContract("orders-daily", "orders", Lifecycle.ACTIVE, "order_lines", TestContracts.orderLines());
    PortContracts ports = new PortContracts() {
      public Future<PortContract> port(String productId, String port) {
        return Future.succeededFuture(orders);
      }

      public Future<String> domain(String productId) {
        return Future.succeededFuture("orders");
      }

      public Future<List<PortContract>> ports(String productId) {
        return Future.succeededFuture(List.of(orders));
      }
    };
    Vertx vertx = Vertx.vertx();
    Instant now = Instant.parse("2026-11-25T12:00:00Z");
    try (DomainDatabases dbs = new DomainDatabases(vertx, home, Map.of(), Set.of(), 2)) {
      PortSchema schema = orders.schema();
      await(dbs.write("orders", c -> {
        schema.createOrEvolve(c);
        long seq = 1;
        for (Instant at : List.of(now.minus(800, ChronoUnit.DAYS), now.minus(700, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS))) {
          BatchRegister.insert(c, new Batch(seq, "b-" + seq, "r", "orders-daily", "order_lines", 1, Batch.COMMITTED, null, "upload", "csv",
              1, 0, at, at, null, null, new JsonArray()));
          c.createStatement().execute("INSERT INTO " + schema.table().quoted() + " (order_id, line_no, sku, channel, amount_eur, ordered_at, _batch) "
              + "VALUES ('o" + seq + "', 1, 's', 'web', 1, now(), " + seq + ")");
          seq++;
        }
        return null;
      }));
      List<CloudEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
      Retention retention = new Retention(dbs, ports, events::add);
      assertThat(await(retention.run(now))).isEqualTo(1);
      assertThat(await(retention.run(now))).isZero();
      assertThat(events).singleElement().satisfies(event -> {
        assertThat(event.type()).isEqualTo(Retention.RETIRED);
        assertThat(event.subject()).isEqualTo("orders-daily/order_lines");
        assertThat(event.data().getJsonArray("batchIds").getList()).containsExactly("b-1");
        assertThat(event.data().getInteger("batches")).isEqualTo(1);
      });
      List<String> left = await(dbs.read("orders", c -> {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT b.seq || ':' || b.status || ':' || count(t.order_id) FROM _meshwork_batches b "
            + "LEFT JOIN " + schema.table().quoted() + " t ON t._batch = b.seq GROUP BY b.seq, b.status ORDER BY b.seq")) {
          List<String> out = new java.util.ArrayList<>();
          while (rs.next()) {
            out.add(rs.getString(1));
          }
          return out;
        }
      }));
      assertThat(left).containsExactly("1:retired:0", "2:committed:1", "3:committed:1");
    } finally {
      await(vertx.close());
    }
  }

  @Test
  void retentionUnitsRangeFromSecondsToYears() {
    Instant now = Instant.parse("2026-11-25T12:00:00Z");
    assertThat(cutoffFor(30, "s", now)).isEqualTo(Instant.parse("2026-11-25T11:59:30Z"));
    assertThat(cutoffFor(5, "min", now)).isEqualTo(Instant.parse("2026-11-25T11:55:00Z"));
    assertThat(cutoffFor(2, "h", now)).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
    assertThat(cutoffFor(3, "d", now)).isEqualTo(Instant.parse("2026-11-22T12:00:00Z"));
    assertThat(cutoffFor(1, "m", now)).as("m is a month, as in ODCS").isEqualTo(Instant.parse("2026-10-25T12:00:00Z"));
    assertThat(cutoffFor(2, "y", now)).isEqualTo(Instant.parse("2024-11-25T12:00:00Z"));
    assertThat(Retention.retention(contractKeeping(5, "fortnights"))).isEmpty();
    assertThat(Retention.retention(contractKeeping(0, "d"))).isEmpty();
  }

  private static Instant cutoffFor(int value, String unit, Instant now) {
    return Retention.cutoff(now, Retention.retention(contractKeeping(value, unit)).orElseThrow());
  }

  /** The demo orders contract with another retention. */
  private static DataContract contractKeeping(int value, String unit) {
    try (var in = RetentionTest.class.getResourceAsStream("/order-lines-v1.yaml")) {
      String yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      return TestContracts.yaml(yaml.replace("  - property: retention\n    value: 2\n    unit: y",
          "  - property: retention\n    value: " + value + "\n    unit: " + unit));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
