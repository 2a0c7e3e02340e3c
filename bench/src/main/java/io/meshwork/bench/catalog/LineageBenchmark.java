package io.meshwork.bench.catalog;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.meshwork.catalog.lineage.LineageEdge;
import io.meshwork.catalog.lineage.LineageGraph;
import io.meshwork.catalog.lineage.LineageNode;
import io.meshwork.catalog.lineage.LineageRoutes;
import io.meshwork.runtime.mongo.EmbeddedMongo;
import io.meshwork.runtime.mongo.MongoFactory;
import io.meshwork.runtime.mongo.Reactive;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Lineage query, depth 5 in both directions, over a mesh of 10,000 nodes: what
 * {@code GET /api/v1/lineage?node=…&direction=both&depth=5} does behind the HTTP layer — the walk
 * over the in-memory graph and the JSON answer — against the same walk done the way a store
 * without an in-memory index does it: one MongoDB query per hop and direction (embedded
 * MongoDB-wire server, the node's default store).
 *
 * <p>The graph is seeded: ten layers of 1,000 nodes alternating datasets/products (40 % products)
 * and jobs, every node fed by two nodes of the layer before (input/output edges, ~18,000), and
 * four column edges into every dataset or product from layer 2 on (~16,000). Queries start at a
 * random node of the middle layers, so both walks go the full five hops.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LineageBenchmark {

  static final int LAYERS = 10;
  static final int WIDTH = 1_000;
  static final int DEPTH = 5;

  private final LineageGraph graph = new LineageGraph();
  private final List<String> roots = new ArrayList<>();
  private final Random random = new Random(7);
  private Vertx vertx;
  private EmbeddedMongo embedded;
  private MongoClient client;
  private MongoCollection<Document> edges;

  @Setup(Level.Trial)
  public void buildMesh() throws Exception {
    Random seed = new Random(42);
    String[][] ids = new String[LAYERS][WIDTH];
    List<Document> stored = new ArrayList<>();
    for (int layer = 0; layer < LAYERS; layer++) {
      for (int i = 0; i < WIDTH; i++) {
        boolean job = layer % 2 == 1;
        boolean product = !job && seed.nextInt(10) < 4;
        LineageNode.Kind kind = job ? LineageNode.Kind.JOB : product ? LineageNode.Kind.PRODUCT : LineageNode.Kind.DATASET;
        String id = switch (kind) {
          case JOB -> "job:airflow:etl_" + layer + "_" + i;
          case PRODUCT -> "product:p-" + layer + "-" + i;
          case DATASET -> "dataset:postgres://db:5432:schema_" + layer + ".table_" + i;
        };
        ids[layer][i] = id;
        graph.putNode(new LineageNode(id, kind, id.substring(id.lastIndexOf(':') + 1),
            Map.of("namespace", "ns" + layer, "columns", List.of("id", "amount", "email", "created_at"))));
        if (layer == 0) {
          continue;
        }
        for (int k = 0; k < 2; k++) {
          String from = ids[layer - 1][seed.nextInt(WIDTH)];
          LineageEdge edge = new LineageEdge(from, id, job ? LineageEdge.INPUT : LineageEdge.OUTPUT,
              Map.of("lastRunId", "r-" + seed.nextInt(), "lastState", "COMPLETE"));
          graph.putEdge(edge);
          stored.add(new Document("from", from).append("to", id).append("kind", edge.kind()));
        }
        if (!job && layer >= 2) {
          for (int c = 0; c < 4; c++) {
            graph.putEdge(new LineageEdge(ids[layer - 2][seed.nextInt(WIDTH)], id, LineageEdge.COLUMN,
                Map.of("fromColumn", "c" + c, "toColumn", "c" + c, "transformation", "DIRECT/IDENTITY")));
          }
        }
      }
    }
    for (int i = 0; i < 1_000; i++) {
      roots.add(ids[3 + seed.nextInt(4)][seed.nextInt(WIDTH)]);
    }
    vertx = Vertx.vertx();
    embedded = EmbeddedMongo.inMemory("127.0.0.1");
    client = MongoFactory.create(embedded.connectionString());
    edges = client.getDatabase("bench").getCollection("lineage_edges");
    Reactive.first(vertx, edges.insertMany(stored)).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }

  @TearDown(Level.Trial)
  public void close() {
    client.close();
    embedded.close();
    vertx.close();
  }

  /** The node's path: walk the in-memory graph, render the JSON answer. */
  @Benchmark
  public String inMemoryGraph() {
    String root = roots.get(random.nextInt(roots.size()));
    LineageGraph.Subgraph found = graph.traverse(root, LineageGraph.Direction.BOTH, DEPTH).orElseThrow();
    return LineageRoutes.answer(found, LineageGraph.Direction.BOTH, DEPTH).encode();
  }

  /** The reference: the same walk with one MongoDB query per hop and direction. */
  @Benchmark
  @Measurement(iterations = 3, time = 5)
  public int mongoQueryPerHop() throws Exception {
    String root = roots.get(random.nextInt(roots.size()));
    return walk(root, "to", "from") + walk(root, "from", "to");
  }

  private int walk(String root, String along, String next) throws Exception {
    Set<String> seen = new HashSet<>(Set.of(root));
    List<String> frontier = List.of(root);
    int found = 0;
    for (int hop = 0; hop < DEPTH && !frontier.isEmpty(); hop++) {
      List<Document> hits = Reactive.all(vertx, edges.find(Filters.in(along, frontier)).projection(Projections.include("from", "to", "kind")))
          .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      List<String> following = new ArrayList<>();
      for (Document edge : hits) {
        found++;
        if (seen.add(edge.getString(next))) {
          following.add(edge.getString(next));
        }
      }
      frontier = following;
    }
    return found;
  }
}
