package io.meshwork.node;

import static io.meshwork.node.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lineage on the running node: OpenLineage RunEvents from a producer that is not Meshwork, the
 * reasons a bad event is refused, products' declared input ports as edges, upstream/downstream
 * queries to a depth, and column-level edges.
 */
class LineageIT {

  private static final String SPARK = "https://github.com/OpenLineage/OpenLineage/tree/1.24.2/integration/spark";
  private static final String SCHEMA_URL = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
  private static TestMesh mesh;
  private static String olivia;
  private static String carlos;

  @BeforeAll
  static void startMesh() throws Exception {
    mesh = TestMesh.start("lineage-it");
    olivia = mesh.token("olivia");
    carlos = mesh.token("carlos");
  }

  @AfterAll
  static void stopMesh() {
    if (mesh != null) {
      mesh.close();
    }
  }

  @Test
  void runEventsOfAForeignProducerBecomeAGraphOfDatasetsAndJobs() throws Exception {
    String suffix = suffix();
    String runId = UUID.randomUUID().toString();
    JsonObject source = dataset("postgres://shop-db:5432", "shop.public.orders" + suffix);
    JsonObject target = dataset("s3://lake", "curated/orders" + suffix);
    JsonObject start = event("START", runId, "spark-jobs", "orders_curate" + suffix, List.of(source), List.of(target));

    HttpResponse<String> started = mesh.postJson("/api/v1/lineage", olivia, start);
    assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
    JsonObject recorded = new JsonObject(started.body());
    assertThat(recorded.getString("runId")).isEqualTo(runId);
    assertThat(recorded.getString("job")).isEqualTo("job:spark-jobs:orders_curate" + suffix);
    HttpResponse<String> completed = mesh.postJson("/api/v1/lineage", olivia,
        event("COMPLETE", runId, "spark-jobs", "orders_curate" + suffix, List.of(source), List.of(target)));
    assertThat(completed.statusCode()).as(completed.body()).isEqualTo(201);

    JsonObject graph = graph("dataset:s3://lake:curated/orders" + suffix, "upstream", 2, carlos);
    assertThat(ids(graph)).containsExactlyInAnyOrder("dataset:s3://lake:curated/orders" + suffix,
        "job:spark-jobs:orders_curate" + suffix, "dataset:postgres://shop-db:5432:shop.public.orders" + suffix);
    JsonObject job = node(graph, "job:spark-jobs:orders_curate" + suffix);
    assertThat(job.getString("kind")).isEqualTo("job");
    assertThat(job.getString("lastState")).as("the COMPLETE event came last").isEqualTo("COMPLETE");
    assertThat(node(graph, "dataset:postgres://shop-db:5432:shop.public.orders" + suffix).getJsonArray("columns"))
        .containsExactly("order_id", "email");
    assertThat(edges(graph)).contains(
        "dataset:postgres://shop-db:5432:shop.public.orders" + suffix + " -input-> job:spark-jobs:orders_curate" + suffix,
        "job:spark-jobs:orders_curate" + suffix + " -output-> dataset:s3://lake:curated/orders" + suffix)
        .as("the same edge reported by START and COMPLETE is one edge").hasSize(2);

    HttpResponse<String> run = mesh.get("/api/v1/lineage/runs/" + runId, carlos);
    assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
    JsonObject stored = new JsonObject(run.body());
    assertThat(stored.getString("state")).isEqualTo("COMPLETE");
    assertThat(stored.getLong("eventCount")).isEqualTo(2);
    assertThat(stored.getString("job")).isEqualTo("job:spark-jobs:orders_curate" + suffix);
    assertThat(stored.getString("producer")).isEqualTo(SPARK);
    assertProblem(mesh.get("/api/v1/lineage/runs/" + UUID.randomUUID(), carlos), 404);

    assertThat(ids(graph("dataset:s3://lake:curated/orders" + suffix, "upstream", 1, carlos)))
        .as("depth 1 stops at the job").hasSize(2);
    assertThat(ids(graph("dataset:s3://lake:curated/orders" + suffix, "downstream", 5, carlos)))
        .as("nothing reads the curated orders").containsExactly("dataset:s3://lake:curated/orders" + suffix);
  }

  @Test
  void aBadEventIsRefusedWithEveryReasonAndNothingIsStored() throws Exception {
    String suffix = suffix();
    JsonObject bad = event("FINISHED", "not-a-uuid", "spark-jobs", "bad" + suffix,
        List.of(new JsonObject().put("namespace", "postgres://db")), List.of(dataset("s3://lake", "bad" + suffix)))
        .put("eventTime", "2026-11-25 10:00:00")
        .put("schemaURL", "OpenLineage.json");
    bad.remove("producer");
    bad.getJsonArray("outputs").getJsonObject(0).getJsonObject("facets").getJsonObject("schema").remove("_producer");

    JsonObject problem = assertProblem(mesh.postJson("/api/v1/lineage", olivia, bad), 400);

    assertThat(problem.getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("pointer")).toList())
        .containsExactlyInAnyOrder("/eventType", "/eventTime", "/producer", "/schemaURL", "/run/runId", "/inputs/0/name",
            "/outputs/0/facets/schema/_producer");
    assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("reason")).contains("START, RUNNING, COMPLETE, ABORT, FAIL, OTHER");
    assertProblem(mesh.get("/api/v1/lineage?node=" + encode("dataset:s3://lake:bad" + suffix), carlos), 404);

    assertProblem(mesh.call("POST", "/api/v1/lineage", olivia, "application/json", "{\"eventType\": "), 400);
    assertProblem(mesh.call("POST", "/api/v1/lineage", null, "application/json", event("START", UUID.randomUUID().toString(),
        "x", "y", List.of(), List.of()).encode()), 401);
  }

  @Test
  void declaredInputPortsAreEdgesAndMeshworkDatasetsAreProductPorts() throws Exception {
    String suffix = suffix();
    String lines = "order-lines" + suffix;
    String revenue = "revenue" + suffix;
    assertThat(mesh.putYaml("/api/v1/contracts/" + lines + "-v1", olivia, contract(lines + "-v1")).statusCode()).isEqualTo(201);
    assertThat(mesh.putYaml("/api/v1/contracts/" + revenue + "-v1", olivia, contract(revenue + "-v1")).statusCode()).isEqualTo(201);
    assertThat(mesh.putYaml("/api/v1/products/" + lines, olivia, product(lines, null, lines + "-v1")).statusCode()).isEqualTo(201);
    assertThat(mesh.putYaml("/api/v1/products/" + revenue, olivia, product(revenue, lines + "-v1", revenue + "-v1")).statusCode()).isEqualTo(201);

    // the ingestion pipeline of order-lines reports, as the data plane does, writing the port it serves
    String runId = UUID.randomUUID().toString();
    JsonObject output = dataset("meshwork://orders", lines + ".lines");
    output.getJsonObject("facets").put("columnLineage", columnLineage("file:///landing", "orders" + suffix + ".csv",
        "order_id", "id", "email", "customer_email"));
    HttpResponse<String> ingested = mesh.postJson("/api/v1/lineage", olivia, event("COMPLETE", runId, "meshwork://orders",
        lines + ".ingest", List.of(dataset("file:///landing", "orders" + suffix + ".csv")), List.of(output)));
    assertThat(ingested.statusCode()).as(ingested.body()).isEqualTo(201);
    assertThat(new JsonObject(ingested.body()).getJsonArray("nodes")).contains("product:" + lines);

    JsonObject upstream = awaitGraph(revenue, "upstream", 1, g -> ids(g).contains("product:" + lines));
    assertThat(ids(upstream)).containsExactlyInAnyOrder("product:" + revenue, "product:" + lines);
    assertThat(edges(upstream)).containsExactly("product:" + lines + " -input-port-> product:" + revenue);
    JsonObject declared = upstream.getJsonArray("edges").getJsonObject(0);
    assertThat(declared.getString("port")).isEqualTo("lines-in");
    assertThat(declared.getString("contract")).isEqualTo(lines + "-v1");
    assertThat(declared.getString("outputPort")).isEqualTo("lines");
    JsonObject product = node(upstream, "product:" + lines);
    assertThat(product.getString("kind")).isEqualTo("product");
    assertThat(product.getString("domain")).isEqualTo("orders");
    assertThat(product.getBoolean("registered")).isTrue();

    JsonObject deep = graph(revenue, "upstream", 3, carlos);
    assertThat(ids(deep)).containsExactlyInAnyOrder("product:" + revenue, "product:" + lines,
        "job:meshwork://orders:" + lines + ".ingest", "dataset:file:///landing:orders" + suffix + ".csv");
    assertThat(edges(deep)).contains("job:meshwork://orders:" + lines + ".ingest -output-> product:" + lines);
    JsonObject write = deep.getJsonArray("edges").stream().map(JsonObject.class::cast)
        .filter(e -> e.getString("kind").equals("output")).findFirst().orElseThrow();
    assertThat(write.getString("port")).isEqualTo("lines");

    // column level: the facet's input columns lead into the port's columns
    List<String> columns = deep.getJsonArray("edges").stream().map(JsonObject.class::cast)
        .filter(e -> e.getString("kind").equals("column"))
        .map(e -> e.getString("from") + "." + e.getString("fromColumn") + " -> " + e.getString("to") + "." + e.getString("toPort") + "."
            + e.getString("toColumn") + " (" + e.getString("transformation") + ")")
        .toList();
    assertThat(columns).containsExactlyInAnyOrder(
        "dataset:file:///landing:orders" + suffix + ".csv.id -> product:" + lines + ".lines.order_id (DIRECT/IDENTITY)",
        "dataset:file:///landing:orders" + suffix + ".csv.customer_email -> product:" + lines + ".lines.email (DIRECT/IDENTITY)");

    JsonObject downstream = graph("dataset:file:///landing:orders" + suffix + ".csv", "downstream", 5, carlos);
    assertThat(ids(downstream)).contains("product:" + revenue);
    JsonObject both = graph(lines, "both", 1, carlos);
    assertThat(ids(both)).containsExactlyInAnyOrder("product:" + lines, "product:" + revenue, "job:meshwork://orders:" + lines + ".ingest");
  }

  @Test
  void anExternalInputPortShowsItsContractAsTheSource() throws Exception {
    String id = "clicks" + suffix();
    assertThat(mesh.putYaml("/api/v1/contracts/" + id + "-v1", olivia, contract(id + "-v1")).statusCode()).isEqualTo(201);
    String yaml = product(id, "web-events-v9", id + "-v1").replace("contractId: web-events-v9",
        "contractId: web-events-v9\n    customProperties:\n      - property: external\n        value: true");
    HttpResponse<String> registered = mesh.putYaml("/api/v1/products/" + id, olivia, yaml);
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);

    JsonObject graph = awaitGraph(id, "upstream", 2, g -> ids(g).size() > 1);
    JsonObject source = node(graph, "dataset:contract:web-events-v9");
    assertThat(source.getString("kind")).isEqualTo("dataset");
    assertThat(source.getBoolean("external")).isTrue();
  }

  @Test
  void theNodesOwnIngestionReportsItsLineage() throws Exception {
    DemoData.registerOrdersDaily(mesh, olivia);
    HttpResponse<String> batch = mesh.call("POST", "/api/v1/products/orders-daily/ports/order-lines/batches", olivia, "text/csv",
        "order_id,line_no,customer_email,sku,channel,amount_eur,ordered_at\n"
            + "r-1,1,ann.lee@example.com,SKU-1,web,10.50,2026-11-01T10:00:00Z\n");
    assertThat(batch.statusCode()).as(batch.body()).isEqualTo(201);

    String job = "job:meshwork://orders:orders-daily.order-lines.ingest";
    JsonObject graph = awaitGraph("orders-daily", "upstream", 1,
        g -> ids(g).contains(job) && "COMPLETE".equals(node(g, job).getString("lastState")));
    JsonObject write = graph.getJsonArray("edges").stream().map(JsonObject.class::cast)
        .filter(e -> e.getString("from").equals(job)).findFirst().orElseThrow();
    assertThat(write.getString("kind")).isEqualTo("output");
    assertThat(write.getString("port")).isEqualTo("order-lines");
    assertThat(node(graph, "product:orders-daily").getBoolean("registered")).isTrue();
  }

  @Test
  void badQueriesAreExplained() throws Exception {
    JsonObject problem = assertProblem(mesh.get("/api/v1/lineage?direction=sideways&depth=0", carlos), 400);
    assertThat(problem.getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("pointer")).toList())
        .containsExactlyInAnyOrder("/node", "/direction", "/depth");
    assertProblem(mesh.get("/api/v1/lineage?node=no-such-product&depth=abc", carlos), 400);
    JsonObject missing = assertProblem(mesh.get("/api/v1/lineage?node=no-such-product", carlos), 404);
    assertThat(missing.getString("detail")).contains("no-such-product");
    assertProblem(mesh.get("/api/v1/lineage?node=x", null), 401);
  }

  // --- helpers ---

  private static JsonObject graph(String node, String direction, int depth, String token) throws Exception {
    HttpResponse<String> answer = mesh.get("/api/v1/lineage?node=" + encode(node) + "&direction=" + direction + "&depth=" + depth, token);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return new JsonObject(answer.body());
  }

  /** The catalog tells lineage of a registration through its events; wait briefly for them. */
  private static JsonObject awaitGraph(String node, String direction, int depth, java.util.function.Predicate<JsonObject> ready) throws Exception {
    long deadline = System.currentTimeMillis() + 5_000;
    while (true) {
      HttpResponse<String> answer = mesh.get("/api/v1/lineage?node=" + encode(node) + "&direction=" + direction + "&depth=" + depth, carlos);
      if (answer.statusCode() == 200 && ready.test(new JsonObject(answer.body()))) {
        return new JsonObject(answer.body());
      }
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("lineage of " + node + " not as expected: " + answer.body());
      }
      Thread.sleep(50);
    }
  }

  private static List<String> ids(JsonObject graph) {
    return graph.getJsonArray("nodes").stream().map(n -> ((JsonObject) n).getString("id")).toList();
  }

  private static JsonObject node(JsonObject graph, String id) {
    return graph.getJsonArray("nodes").stream().map(JsonObject.class::cast).filter(n -> n.getString("id").equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no node " + id + " in " + graph.encodePrettily()));
  }

  private static List<String> edges(JsonObject graph) {
    return graph.getJsonArray("edges").stream().map(JsonObject.class::cast).filter(e -> !e.getString("kind").equals("column"))
        .map(e -> e.getString("from") + " -" + e.getString("kind") + "-> " + e.getString("to")).toList();
  }

  private static JsonObject event(String type, String runId, String jobNamespace, String job, List<JsonObject> inputs, List<JsonObject> outputs) {
    return new JsonObject()
        .put("eventType", type)
        .put("eventTime", "2026-11-25T10:00:00.000Z")
        .put("run", new JsonObject().put("runId", runId)
            .put("facets", new JsonObject().put("nominalTime", facet("NominalTimeRunFacet").put("nominalStartTime", "2026-11-25T10:00:00Z"))))
        .put("job", new JsonObject().put("namespace", jobNamespace).put("name", job))
        .put("inputs", new JsonArray(List.copyOf(inputs)))
        .put("outputs", new JsonArray(List.copyOf(outputs)))
        .put("producer", SPARK)
        .put("schemaURL", SCHEMA_URL);
  }

  private static JsonObject dataset(String namespace, String name) {
    return new JsonObject().put("namespace", namespace).put("name", name).put("facets", new JsonObject()
        .put("schema", facet("SchemaDatasetFacet").put("fields", new JsonArray()
            .add(new JsonObject().put("name", "order_id").put("type", "VARCHAR"))
            .add(new JsonObject().put("name", "email").put("type", "VARCHAR")))));
  }

  /** columnLineage facet: pairs of (output column, input column) from one input dataset. */
  private static JsonObject columnLineage(String namespace, String name, String... outputAndInput) {
    JsonObject fields = new JsonObject();
    for (int i = 0; i < outputAndInput.length; i += 2) {
      fields.put(outputAndInput[i], new JsonObject().put("inputFields", new JsonArray().add(new JsonObject()
          .put("namespace", namespace).put("name", name).put("field", outputAndInput[i + 1])
          .put("transformations", new JsonArray().add(new JsonObject().put("type", "DIRECT").put("subtype", "IDENTITY"))))));
    }
    return facet("ColumnLineageDatasetFacet").put("fields", fields);
  }

  private static JsonObject facet(String name) {
    return new JsonObject().put("_producer", SPARK).put("_schemaURL", "https://openlineage.io/spec/facets/1-0-0/" + name + ".json");
  }

  private static String contract(String id) {
    return """
        apiVersion: v3.1.0
        kind: DataContract
        id: %s
        version: 1.0.0
        status: draft
        domain: orders
        schema:
          - name: lines
            properties:
              - name: order_id
                logicalType: string
              - name: email
                logicalType: string
                classification: confidential
        """.formatted(id);
  }

  private static String product(String id, String inputContract, String outputContract) {
    String inputs = inputContract == null ? "" : """
        inputPorts:
          - name: lines-in
            version: 1.0.0
            contractId: %s
        """.formatted(inputContract);
    return """
        apiVersion: v1.1.0
        kind: DataProduct
        id: %s
        name: %s
        status: draft
        domain: orders
        %soutputPorts:
          - name: lines
            version: 1.0.0
            contractId: %s
        """.formatted(id, id, inputs, outputContract);
  }

  private static String suffix() {
    return "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
