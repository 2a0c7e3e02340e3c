package io.meshwork.catalog.lineage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The whole lineage graph in memory, as adjacency maps in both directions, so that a query walks
 * pointers instead of asking the database once per hop (the reason lineage queries of other
 * catalogs take seconds). MongoDB stays the source of truth: the graph is loaded from it at start
 * and every write goes to MongoDB first and then here. Column edges are kept apart: they are not
 * walked (a column edge skips the job between two datasets and would distort depth) but returned
 * with the nodes they join.
 *
 * <p>Thread-safe: queries share a read lock, writes take the write lock for microseconds.
 */
public final class LineageGraph {

  public enum Direction { UPSTREAM, DOWNSTREAM, BOTH }

  /** What a query returns: the nodes reached within the depth and the edges between them. */
  public record Subgraph(String root, List<LineageNode> nodes, List<LineageEdge> edges) {}

  private final Map<String, LineageNode> nodes = new HashMap<>();
  private final Map<String, Map<String, LineageEdge>> out = new HashMap<>();
  private final Map<String, Map<String, LineageEdge>> in = new HashMap<>();
  /** column edges by the node they lead into */
  private final Map<String, Map<String, LineageEdge>> columnsInto = new HashMap<>();
  private final ReadWriteLock lock = new ReentrantReadWriteLock();

  /** Adds a node, or lays its label and attributes over the node already there. */
  public void putNode(LineageNode node) {
    lock.writeLock().lock();
    try {
      nodes.merge(node.id(), node, LineageNode::mergedWith);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Adds an edge, or replaces the edge with the same identity (its descriptive attributes change). */
  public void putEdge(LineageEdge edge) {
    lock.writeLock().lock();
    try {
      add(edge);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Replaces every edge of {@code kind} leading into {@code to} with {@code edges} (all of that kind,
   * into it); returns the edges that were there before.
   */
  public List<LineageEdge> replaceInto(String to, String kind, Collection<LineageEdge> edges) {
    lock.writeLock().lock();
    try {
      List<LineageEdge> before = new ArrayList<>();
      for (LineageEdge old : List.copyOf(in.getOrDefault(to, Map.of()).values())) {
        if (old.kind().equals(kind)) {
          remove(old);
          before.add(old);
        }
      }
      edges.forEach(this::add);
      return before;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Removes a node that no edge touches any more; a node with edges stays. */
  public void removeIfIsolated(String id) {
    lock.writeLock().lock();
    try {
      if (out.getOrDefault(id, Map.of()).isEmpty() && in.getOrDefault(id, Map.of()).isEmpty()
          && columnsInto.getOrDefault(id, Map.of()).isEmpty()) {
        nodes.remove(id);
        out.remove(id);
        in.remove(id);
        columnsInto.remove(id);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  public Optional<LineageNode> node(String id) {
    lock.readLock().lock();
    try {
      return Optional.ofNullable(nodes.get(id));
    } finally {
      lock.readLock().unlock();
    }
  }

  public int size() {
    lock.readLock().lock();
    try {
      return nodes.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The nodes within {@code depth} hops of {@code root} (upstream: against the flow; downstream:
   * with it; both: the union of the two walks, not every node connected in any direction), the
   * edges walked, and the column edges between nodes reached. Empty when the root is unknown.
   */
  public Optional<Subgraph> traverse(String root, Direction direction, int depth) {
    lock.readLock().lock();
    try {
      if (!nodes.containsKey(root)) {
        return Optional.empty();
      }
      Set<String> reached = new LinkedHashSet<>();
      reached.add(root);
      Map<String, LineageEdge> edges = new LinkedHashMap<>();
      if (direction != Direction.DOWNSTREAM) {
        walk(root, depth, in, true, reached, edges);
      }
      if (direction != Direction.UPSTREAM) {
        walk(root, depth, out, false, reached, edges);
      }
      for (String id : reached) {
        for (LineageEdge column : columnsInto.getOrDefault(id, Map.of()).values()) {
          if (reached.contains(column.from())) {
            edges.put(column.key(), column);
          }
        }
      }
      List<LineageNode> found = new ArrayList<>(reached.size());
      reached.stream().map(nodes::get).filter(java.util.Objects::nonNull).forEach(found::add);
      return Optional.of(new Subgraph(root, found, List.copyOf(edges.values())));
    } finally {
      lock.readLock().unlock();
    }
  }

  private void walk(String root, int depth, Map<String, Map<String, LineageEdge>> adjacency, boolean upstream,
      Set<String> reached, Map<String, LineageEdge> edges) {
    Set<String> seen = new LinkedHashSet<>();
    seen.add(root);
    ArrayDeque<String> frontier = new ArrayDeque<>();
    frontier.add(root);
    for (int hop = 0; hop < depth && !frontier.isEmpty(); hop++) {
      ArrayDeque<String> next = new ArrayDeque<>();
      for (String id : frontier) {
        for (LineageEdge edge : adjacency.getOrDefault(id, Map.of()).values()) {
          edges.put(edge.key(), edge);
          String other = upstream ? edge.from() : edge.to();
          if (seen.add(other)) {
            next.add(other);
            reached.add(other);
          }
        }
      }
      frontier = next;
    }
  }

  private void add(LineageEdge edge) {
    String key = edge.key();
    if (edge.isColumn()) {
      columnsInto.computeIfAbsent(edge.to(), k -> new LinkedHashMap<>()).put(key, edge);
      return;
    }
    out.computeIfAbsent(edge.from(), k -> new LinkedHashMap<>()).put(key, edge);
    in.computeIfAbsent(edge.to(), k -> new LinkedHashMap<>()).put(key, edge);
  }

  private void remove(LineageEdge edge) {
    String key = edge.key();
    if (edge.isColumn()) {
      columnsInto.getOrDefault(edge.to(), new HashMap<>()).remove(key);
      return;
    }
    out.getOrDefault(edge.from(), new HashMap<>()).remove(key);
    in.getOrDefault(edge.to(), new HashMap<>()).remove(key);
  }
}
