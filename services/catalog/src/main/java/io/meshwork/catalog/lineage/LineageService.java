package io.meshwork.catalog.lineage;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.meshwork.catalog.events.CatalogListener;
import io.meshwork.model.document.DocumentFormat;
import io.meshwork.model.error.NotFoundException;
import io.meshwork.model.lineage.RunEvent;
import io.meshwork.model.product.DataProduct;
import io.meshwork.runtime.auth.Caller;
import io.meshwork.runtime.events.EventLog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lineage of the mesh: OpenLineage RunEvents from any producer (the node's own data plane among
 * them) and the lineage products declare through their input ports, as one graph of products,
 * datasets and jobs that answers upstream/downstream queries from memory.
 *
 * <p>Other nodes of a clustered mesh learn of a recorded event over the event bus
 * ({@value #ADDRESS}) and add it to their own in-memory graph; the event is stored once, by the
 * node that received it.
 */
public final class LineageService {

  /** Event-bus address on which recorded RunEvents are published to the other nodes. */
  public static final String ADDRESS = "meshwork.lineage.recorded";
  public static final int MAX_DEPTH = 20;
  private static final String PRODUCT_EVENTS = "io.meshwork.dataproduct.";
  private static final Logger LOG = LoggerFactory.getLogger(LineageService.class);

  /** What recording an event did. */
  public record Recorded(RunEvent event, List<LineageNode> nodes, List<LineageEdge> edges) {}

  private final Vertx vertx;
  private final LineageStore store;
  private final LineageGraph graph = new LineageGraph();
  private final PortLineage ports = new PortLineage(graph);
  private final Supplier<Future<List<DataProduct>>> allProducts;
  private final Function<String, Future<Optional<DataProduct>>> product;
  private final String origin = UUID.randomUUID().toString();

  /**
   * @param allProducts every registered product (read once at start)
   * @param product     one registered product, read again when it changes
   */
  public LineageService(Vertx vertx, MongoDatabase database, Supplier<Future<List<DataProduct>>> allProducts,
      Function<String, Future<Optional<DataProduct>>> product) {
    this.vertx = vertx;
    this.store = new LineageStore(vertx, database);
    this.allProducts = allProducts;
    this.product = product;
  }

  /** Loads the stored lineage and the products' declared lineage into memory; then listens for other nodes' events. */
  public Future<Void> start() {
    return Future.all(store.nodes(), store.edges(), allProducts.get()).map(loaded -> {
      loaded.<List<LineageNode>>resultAt(0).forEach(graph::putNode);
      loaded.<List<LineageEdge>>resultAt(1).forEach(graph::putEdge);
      loaded.<List<DataProduct>>resultAt(2).forEach(ports::put);
      vertx.eventBus().<JsonObject>consumer(ADDRESS, message -> {
        JsonObject body = message.body();
        if (!origin.equals(body.getString("origin"))) {
          apply(RunLineage.of(RunEvent.from(DocumentFormat.JSON.read(body.getJsonObject("event").encode().getBytes(StandardCharsets.UTF_8)))));
        }
      });
      // products change on any node: the catalog's CloudEvents (io.meshwork.dataproduct.*) reach every node
      vertx.eventBus().<JsonObject>consumer(EventLog.ADDRESS, message -> {
        String type = message.body().getString("type", "");
        String subject = message.body().getString("subject");
        if (type.startsWith(PRODUCT_EVENTS) && subject != null) {
          productChanged(subject).onFailure(err -> LOG.warn("lineage of product {} not refreshed: {}", subject, err.toString()));
        }
      });
      LOG.info("Lineage loaded: {} nodes", graph.size());
      return null;
    });
  }

  /**
   * Records one OpenLineage 2-0-2 RunEvent: validates it (an invalid one fails with an
   * InvalidException listing every violation and nothing is stored), stores it with its run,
   * and adds its jobs, datasets and edges to the graph. This is the call the data plane's
   * LineageSink makes for each ingestion run.
   */
  public Future<Recorded> record(JsonObject runEvent) {
    RunEvent event;
    try {
      event = RunEvent.from(DocumentFormat.JSON.read(runEvent.encode().getBytes(StandardCharsets.UTF_8)));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    RunLineage lineage = RunLineage.of(event);
    return store.save(event, lineage.nodes(), lineage.edges()).map(v -> {
      apply(lineage);
      vertx.eventBus().publish(ADDRESS, new JsonObject().put("origin", origin).put("event", runEvent));
      return new Recorded(event, lineage.nodes(), lineage.edges());
    });
  }

  /** The lineage around a node (a product id, or a full node id), or NotFoundException. */
  public LineageGraph.Subgraph graph(String node, LineageGraph.Direction direction, int depth) {
    String id = LineageNames.ofQuery(node);
    return graph.traverse(id, direction, depth)
        .orElseThrow(() -> new NotFoundException("No lineage node '" + node + "': no registered product has that id and no RunEvent named it"
            + " (datasets and jobs are addressed as dataset:<namespace>:<name>, job:<namespace>:<name>)"));
  }

  /** A product was registered or changed: its declared lineage is derived again. */
  public Future<Void> productChanged(String productId) {
    return product.apply(productId).map(found -> {
      found.ifPresentOrElse(ports::put, () -> ports.remove(productId));
      return null;
    });
  }

  /**
   * Tells lineage of product registrations as they are stored, so a product's declared input
   * ports are in the graph when its PUT answers (other nodes learn of it from the event feed).
   */
  public CatalogListener listener() {
    return new CatalogListener() {
      @Override
      public Future<Void> productStored(Caller by, DataProduct before, DataProduct after) {
        ports.put(after);
        return Future.succeededFuture();
      }

      @Override
      public Future<Void> productDeleted(Caller by, DataProduct product) {
        ports.remove(product.id());
        return Future.succeededFuture();
      }
    };
  }

  /** What is stored of one run — its job, latest state, times and how many events it sent — or NotFoundException. */
  public Future<JsonObject> run(String runId) {
    return store.run(runId).map(doc -> {
      if (doc == null) {
        throw new NotFoundException("No run '" + runId + "' has been recorded");
      }
      Document job = doc.get("job", new Document());
      return new JsonObject()
          .put("runId", doc.getString("_id"))
          .put("job", LineageNames.job(new RunEvent.Name(job.getString("namespace"), job.getString("name"))))
          .put("state", doc.getString("state"))
          .put("firstEventTime", doc.getDate("firstEventTime").toInstant().toString())
          .put("lastEventTime", doc.getDate("lastEventTime").toInstant().toString())
          .put("eventCount", ((Number) doc.get("eventCount")).longValue())
          .put("producer", doc.getString("producer"));
    });
  }

  /** The in-memory graph, for benchmarks. */
  LineageGraph index() {
    return graph;
  }

  private void apply(RunLineage lineage) {
    for (LineageNode node : lineage.nodes()) {
      // a registered product keeps its catalog name and facts; a run event only adds the edge
      if (node.kind() != LineageNode.Kind.PRODUCT || graph.node(node.id()).isEmpty()) {
        graph.putNode(node);
      }
    }
    lineage.edges().forEach(graph::putEdge);
  }
}
