package io.meshwork.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwork.observability.MeshMetrics;
import io.meshwork.runtime.events.EventLog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The data plane's read events become access-decision counts an SRE can chart (allow vs deny). */
class EventMetersTest {

  private final Vertx vertx = Vertx.vertx();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void servedAndDeniedReadsCountAsDecisions() throws Exception {
    EventMeters.listen(vertx, new MeshMetrics(registry));
    publish("io.meshwork.query.served", new JsonObject().put("domain", "orders").put("rows", 3).put("durationMs", 5));
    publish("io.meshwork.query.served", new JsonObject().put("domain", "orders").put("rows", 1).put("durationMs", 2));
    publish("io.meshwork.query.denied", new JsonObject().put("domain", "orders"));
    publish("io.meshwork.dataproduct.updated", new JsonObject().put("domain", "orders"));

    long deadline = System.currentTimeMillis() + 5_000;
    while (decisions("deny") < 1 && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertThat(decisions("allow")).isEqualTo(2);
    assertThat(decisions("deny")).isEqualTo(1);
  }

  private void publish(String type, JsonObject data) {
    vertx.eventBus().publish(EventLog.ADDRESS, new JsonObject().put("type", type).put("data", data));
  }

  private double decisions(String outcome) {
    var counter = registry.find("meshwork.access.decisions").tag("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }
}
