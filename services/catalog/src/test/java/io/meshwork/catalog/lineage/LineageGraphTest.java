package io.meshwork.catalog.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LineageGraphTest {

  private final LineageGraph graph = new LineageGraph();

  /** a -> j1 -> b -> j2 -> c, with a column edge a.x -> b.y and a cycle c -> j3 -> a. */
  private void chain(boolean cycle) {
    for (String id : List.of("dataset:a", "job:j1", "dataset:b", "job:j2", "dataset:c", "job:j3")) {
      graph.putNode(new LineageNode(id, id.startsWith("job") ? LineageNode.Kind.JOB : LineageNode.Kind.DATASET, id, Map.of()));
    }
    graph.putEdge(new LineageEdge("dataset:a", "job:j1", LineageEdge.INPUT, Map.of()));
    graph.putEdge(new LineageEdge("job:j1", "dataset:b", LineageEdge.OUTPUT, Map.of()));
    graph.putEdge(new LineageEdge("dataset:b", "job:j2", LineageEdge.INPUT, Map.of()));
    graph.putEdge(new LineageEdge("job:j2", "dataset:c", LineageEdge.OUTPUT, Map.of()));
    graph.putEdge(new LineageEdge("dataset:a", "dataset:b", LineageEdge.COLUMN, Map.of("fromColumn", "x", "toColumn", "y")));
    if (cycle) {
      graph.putEdge(new LineageEdge("dataset:c", "job:j3", LineageEdge.INPUT, Map.of()));
      graph.putEdge(new LineageEdge("job:j3", "dataset:a", LineageEdge.OUTPUT, Map.of()));
    }
  }

  @Test
  void depthCountsHopsAndColumnEdgesAreNotWalked() {
    chain(false);
    assertThat(ids(graph.traverse("dataset:c", LineageGraph.Direction.UPSTREAM, 1).orElseThrow())).containsExactly("dataset:c", "job:j2");
    LineageGraph.Subgraph two = graph.traverse("dataset:c", LineageGraph.Direction.UPSTREAM, 2).orElseThrow();
    assertThat(ids(two)).containsExactly("dataset:c", "job:j2", "dataset:b");
    assertThat(two.edges()).noneMatch(LineageEdge::isColumn);
    LineageGraph.Subgraph four = graph.traverse("dataset:c", LineageGraph.Direction.UPSTREAM, 4).orElseThrow();
    assertThat(ids(four)).containsExactly("dataset:c", "job:j2", "dataset:b", "job:j1", "dataset:a");
    assertThat(four.edges()).filteredOn(LineageEdge::isColumn).hasSize(1);
  }

  @Test
  void bothIsTheUnionOfTheTwoWalks() {
    chain(false);
    assertThat(ids(graph.traverse("dataset:b", LineageGraph.Direction.BOTH, 2).orElseThrow()))
        .containsExactlyInAnyOrder("dataset:b", "job:j1", "dataset:a", "job:j2", "dataset:c");
    assertThat(ids(graph.traverse("dataset:b", LineageGraph.Direction.DOWNSTREAM, 5).orElseThrow()))
        .containsExactly("dataset:b", "job:j2", "dataset:c");
    assertThat(graph.traverse("dataset:nope", LineageGraph.Direction.BOTH, 3)).isEmpty();
  }

  @Test
  void cyclesEnd() {
    chain(true);
    assertThat(ids(graph.traverse("dataset:a", LineageGraph.Direction.DOWNSTREAM, 20).orElseThrow())).hasSize(6);
  }

  @Test
  void theSameEdgeTwiceIsOneEdgeWithTheNewerFacts() {
    chain(false);
    graph.putEdge(new LineageEdge("job:j2", "dataset:c", LineageEdge.OUTPUT, Map.of("lastState", "FAIL")));
    List<LineageEdge> edges = graph.traverse("dataset:c", LineageGraph.Direction.UPSTREAM, 1).orElseThrow().edges();
    assertThat(edges).singleElement().extracting(e -> e.attributes().get("lastState")).isEqualTo("FAIL");
  }

  @Test
  void replacingDeclaredEdgesRemovesTheOldOnes() {
    chain(false);
    graph.putEdge(new LineageEdge("dataset:a", "dataset:c", LineageEdge.INPUT_PORT, Map.of("port", "p")));
    List<LineageEdge> before = graph.replaceInto("dataset:c", LineageEdge.INPUT_PORT,
        List.of(new LineageEdge("dataset:b", "dataset:c", LineageEdge.INPUT_PORT, Map.of("port", "q"))));
    assertThat(before).extracting(LineageEdge::from).containsExactly("dataset:a");
    assertThat(graph.traverse("dataset:c", LineageGraph.Direction.UPSTREAM, 1).orElseThrow().edges())
        .extracting(LineageEdge::from).containsExactlyInAnyOrder("job:j2", "dataset:b");
  }

  private static List<String> ids(LineageGraph.Subgraph graph) {
    return graph.nodes().stream().map(LineageNode::id).toList();
  }
}
