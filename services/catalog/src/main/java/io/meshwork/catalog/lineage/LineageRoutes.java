package io.meshwork.catalog.lineage;

import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import io.meshwork.runtime.web.JsonBody;
import io.meshwork.runtime.web.QueryParams;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** HTTP edge of lineage: OpenLineage intake and graph queries. */
public final class LineageRoutes {

  private static final int DEFAULT_DEPTH = 3;

  private final LineageService service;

  public LineageRoutes(LineageService service) {
    this.service = service;
  }

  public void mount(Router router) {
    router.post("/api/v1/lineage").handler(this::record);
    router.get("/api/v1/lineage").handler(this::graph);
    router.get("/api/v1/lineage/runs/:runId").handler(this::run);
  }

  private void record(RoutingContext ctx) {
    service.record(JsonBody.required(ctx))
        .onSuccess(recorded -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(new JsonObject()
            .put("runId", recorded.event().runId().toString())
            .put("eventType", recorded.event().eventType() == null ? null : recorded.event().eventType().name())
            .put("job", LineageNames.job(recorded.event().job()))
            .put("nodes", new JsonArray(recorded.nodes().stream().map(LineageNode::id).toList()))
            .put("edges", recorded.edges().size())
            .encode()))
        .onFailure(ctx::fail);
  }

  private void run(RoutingContext ctx) {
    service.run(ctx.pathParam("runId")).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void graph(RoutingContext ctx) {
    List<Violation> violations = new ArrayList<>();
    String node = ctx.queryParams().get("node");
    if (node == null || node.isBlank()) {
      violations.add(new Violation("/node", "is required: a product id, or a node id (product:<id>, dataset:<namespace>:<name>, job:<namespace>:<name>)"));
    }
    LineageGraph.Direction direction = LineageGraph.Direction.BOTH;
    String directionParam = ctx.queryParams().get("direction");
    if (directionParam != null) {
      try {
        direction = LineageGraph.Direction.valueOf(directionParam.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        violations.add(new Violation("/direction", "must be upstream, downstream or both"));
      }
    }
    int depth = QueryParams.intParam(ctx, "depth", DEFAULT_DEPTH, 1, LineageService.MAX_DEPTH, violations);
    if (!violations.isEmpty()) {
      throw new InvalidException("Invalid lineage query", violations);
    }
    ctx.json(answer(service.graph(node, direction, depth), direction, depth));
  }

  /** The JSON answer of a graph query (public for the benchmark, which measures query and rendering together). */
  public static JsonObject answer(LineageGraph.Subgraph graph, LineageGraph.Direction direction, int depth) {
    JsonArray nodes = new JsonArray();
    graph.nodes().forEach(n -> nodes.add(n.toJson()));
    JsonArray edges = new JsonArray();
    graph.edges().forEach(e -> edges.add(e.toJson()));
    return new JsonObject().put("root", graph.root()).put("direction", direction.name().toLowerCase(Locale.ROOT)).put("depth", depth)
        .put("nodes", nodes).put("edges", edges);
  }
}
