package io.meshwork.catalog.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.meshwork.model.document.DocumentFormat;
import io.meshwork.model.error.InvalidException;
import io.meshwork.model.product.DataProduct;
import io.meshwork.runtime.mongo.EmbeddedMongo;
import io.meshwork.runtime.mongo.MongoFactory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The lineage service over a real (embedded) MongoDB-wire store: what is recorded survives a restart. */
class LineageServiceTest {

  private final Vertx vertx = Vertx.vertx();
  private final EmbeddedMongo mongo = EmbeddedMongo.inMemory("127.0.0.1");
  private final MongoClient client = MongoFactory.create(mongo.connectionString());
  private final MongoDatabase database = client.getDatabase("lineage-test");

  @AfterEach
  void close() {
    client.close();
    mongo.close();
    vertx.close();
  }

  @Test
  void aRestartedNodeAnswersFromWhatWasStoredAndFromTheProducts() throws Exception {
    DataProduct revenue = product("revenue", "order-lines-v1", "revenue-v1");
    DataProduct lines = product("order-lines", null, "order-lines-v1");
    LineageService first = started(List.of(lines, revenue));
    String runId = UUID.randomUUID().toString();
    await(first.record(event(runId, "START")));
    await(first.record(event(runId, "COMPLETE")));

    LineageService restarted = started(List.of(lines, revenue));

    LineageGraph.Subgraph graph = restarted.graph("revenue", LineageGraph.Direction.UPSTREAM, 3);
    assertThat(graph.nodes()).extracting(LineageNode::id).containsExactlyInAnyOrder(
        "product:revenue", "product:order-lines", "job:meshwork://orders:order-lines.lines.ingest", "dataset:https://shop.example.org:/orders.csv");
    assertThat(graph.nodes()).filteredOn(n -> n.id().equals("product:order-lines")).singleElement()
        .satisfies(n -> {
          assertThat(n.label()).as("the catalog's name, not the id a run event gave it").isEqualTo("Order Lines");
          assertThat(n.attributes()).containsEntry("registered", true);
        });
    JsonObject run = await(restarted.run(runId));
    assertThat(run.getString("state")).isEqualTo("COMPLETE");
    assertThat(run.getLong("eventCount")).isEqualTo(2L);
  }

  @Test
  void anInvalidEventStoresNothing() throws Exception {
    LineageService service = started(List.of());
    JsonObject bad = event(UUID.randomUUID().toString(), "START").put("eventTime", "noon");
    ExecutionException failed = catchThrowableOfType(ExecutionException.class, () -> await(service.record(bad)));
    assertThat(failed.getCause()).isInstanceOf(InvalidException.class);
    assertThat(started(List.of()).index().size()).isZero();
  }

  private LineageService started(List<DataProduct> products) throws Exception {
    LineageService service = new LineageService(vertx, database, () -> Future.succeededFuture(products),
        id -> Future.succeededFuture(products.stream().filter(p -> p.id().equals(id)).findFirst()));
    await(service.start());
    return service;
  }

  private static JsonObject event(String runId, String type) {
    return new JsonObject("""
        {"eventType": "%s", "eventTime": "2026-11-25T10:00:00Z", "run": {"runId": "%s"},
         "job": {"namespace": "meshwork://orders", "name": "order-lines.lines.ingest"},
         "inputs": [{"namespace": "https://shop.example.org", "name": "/orders.csv"}],
         "outputs": [{"namespace": "meshwork://orders", "name": "order-lines.lines"}],
         "producer": "https://github.com/meshwork/meshwork", "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent"}
        """.formatted(type, runId));
  }

  private static DataProduct product(String id, String input, String output) {
    String inputs = input == null ? "" : "inputPorts:\n  - {name: in, version: 1.0.0, contractId: " + input + "}\n";
    String yaml = "apiVersion: v1.0.0\nkind: DataProduct\nid: " + id + "\nname: " + (id.equals("order-lines") ? "Order Lines" : id)
        + "\nstatus: active\ndomain: orders\n" + inputs + "outputPorts:\n  - {name: lines, version: 1.0.0, contractId: " + output + "}\n";
    return DataProduct.from(DocumentFormat.YAML.read(yaml.getBytes(StandardCharsets.UTF_8)));
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
