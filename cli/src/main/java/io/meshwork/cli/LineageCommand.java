package io.meshwork.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.model.document.DocumentFormat;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "lineage", description = {
    "Show where a product's data comes from and where it goes, as an indented tree.",
    "The id is a product id, or a node id: dataset:<namespace>:<name>, job:<namespace>:<name>."})
final class LineageCommand implements Callable<Integer> {

  @ParentCommand MeshworkCli cli;
  @Spec CommandSpec spec;

  @Parameters(index = "0", description = "Product id (or node id)")
  String node;

  @Option(names = "--direction", defaultValue = "both", description = "upstream | downstream | both (default: ${DEFAULT-VALUE})")
  String direction;

  @Option(names = "--depth", defaultValue = "3", description = "How many hops (1-20, default: ${DEFAULT-VALUE})")
  int depth;

  @Option(names = {"-o", "--output"}, defaultValue = "tree", description = "tree | json (default: ${DEFAULT-VALUE})")
  String output;

  @Override
  public Integer call() {
    JsonNode graph = cli.session().getJson("/api/v1/lineage?node=" + URLEncoder.encode(node, StandardCharsets.UTF_8)
        + "&direction=" + URLEncoder.encode(direction, StandardCharsets.UTF_8) + "&depth=" + depth);
    PrintWriter out = spec.commandLine().getOut();
    if (output.equals("json")) {
      out.println(DocumentFormat.JSON.write(graph));
      return 0;
    }
    new Tree(graph, out).print();
    return 0;
  }

  /** Prints the graph from its root: upstream (what it reads, "<-") and downstream (what reads it, "->"). */
  private static final class Tree {

    private final JsonNode graph;
    private final PrintWriter out;
    private final Map<String, JsonNode> nodes = new HashMap<>();
    private final Map<String, List<JsonNode>> into = new HashMap<>();
    private final Map<String, List<JsonNode>> outOf = new HashMap<>();
    private final List<JsonNode> columns = new ArrayList<>();

    Tree(JsonNode graph, PrintWriter out) {
      this.graph = graph;
      this.out = out;
      graph.path("nodes").forEach(n -> nodes.put(n.path("id").asText(), n));
      graph.path("edges").forEach(e -> {
        if (e.path("kind").asText().equals("column")) {
          columns.add(e);
        } else {
          into.computeIfAbsent(e.path("to").asText(), k -> new ArrayList<>()).add(e);
          outOf.computeIfAbsent(e.path("from").asText(), k -> new ArrayList<>()).add(e);
        }
      });
    }

    void print() {
      String root = graph.path("root").asText();
      out.println(describe(root));
      String direction = graph.path("direction").asText();
      if (!direction.equals("downstream")) {
        section(root, true);
      }
      if (!direction.equals("upstream")) {
        section(root, false);
      }
      if (!columns.isEmpty()) {
        out.println("  columns:");
        for (JsonNode c : columns) {
          out.println("    " + shortId(c.path("from").asText()) + column(c, "fromPort", "fromColumn") + " -> "
              + shortId(c.path("to").asText()) + column(c, "toPort", "toColumn")
              + (c.hasNonNull("transformation") ? " (" + c.path("transformation").asText() + ")" : ""));
        }
      }
    }

    private int lines;

    private void section(String root, boolean upstream) {
      out.println(upstream ? "  upstream:" : "  downstream:");
      int before = lines;
      walk(root, upstream, "    ", new HashSet<>(Set.of(root)));
      if (lines == before) {
        out.println("    (nothing known)");
      }
    }

    private void walk(String id, boolean upstream, String indent, Set<String> path) {
      for (JsonNode edge : (upstream ? into : outOf).getOrDefault(id, List.of())) {
        String next = edge.path(upstream ? "from" : "to").asText();
        lines++;
        boolean cycle = !path.add(next);
        out.println(indent + (upstream ? "<- " : "-> ") + describe(next) + "  [" + via(edge) + "]" + (cycle ? " (cycle)" : ""));
        if (!cycle) {
          walk(next, upstream, indent + "   ", path);
          path.remove(next);
        }
      }
    }

    private String describe(String id) {
      JsonNode node = nodes.get(id);
      if (node == null) {
        return id;
      }
      StringBuilder text = new StringBuilder(node.path("kind").asText()).append(' ').append(shortId(id));
      if (!node.path("label").asText().equals(shortId(id)) && !id.endsWith(":" + node.path("label").asText())) {
        text.append(" \"").append(node.path("label").asText()).append('"');
      }
      List<String> facts = new ArrayList<>();
      if (node.hasNonNull("domain")) {
        facts.add("domain " + node.path("domain").asText());
      }
      if (node.hasNonNull("status")) {
        facts.add(node.path("status").asText());
      }
      if (node.path("registered").isBoolean() && !node.path("registered").asBoolean()) {
        facts.add("not registered");
      }
      if (node.hasNonNull("lastState")) {
        facts.add("last run " + node.path("lastState").asText());
      }
      if (node.path("external").asBoolean(false)) {
        facts.add("external");
      }
      return facts.isEmpty() ? text.toString() : text + " (" + String.join(", ", facts) + ")";
    }

    private static String via(JsonNode edge) {
      StringBuilder text = new StringBuilder(edge.path("kind").asText());
      if (edge.hasNonNull("port")) {
        text.append(" port ").append(edge.path("port").asText());
      }
      if (edge.hasNonNull("contract")) {
        text.append(", contract ").append(edge.path("contract").asText());
      }
      return text.toString();
    }

    private static String column(JsonNode edge, String port, String column) {
      return (edge.hasNonNull(port) ? "." + edge.path(port).asText() : "") + "." + edge.path(column).asText();
    }

    /** product:orders-daily → orders-daily; datasets and jobs keep their namespace. */
    private static String shortId(String id) {
      int colon = id.indexOf(':');
      return colon < 0 ? id : id.substring(colon + 1);
    }
  }
}
