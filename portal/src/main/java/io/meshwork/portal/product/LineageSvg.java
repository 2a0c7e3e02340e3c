package io.meshwork.portal.product;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The lineage graph around a product as SVG: upstream to the left, downstream to the right, one
 * column per hop from the product; product nodes are links to their pages (keyboard-focusable, named
 * for screen readers); datasets and jobs are boxes of their own colour.
 */
final class LineageSvg {

    private static final int BOX_W = 170;
    private static final int BOX_H = 36;
    private static final int COL_GAP = 60;
    private static final int ROW_GAP = 18;

    private LineageSvg() {
    }

    record Node(String id, String kind, String label) {
    }

    record Edge(String from, String to) {
    }

    static List<Node> nodes(JsonNode graph) {
        List<Node> nodes = new ArrayList<>();
        graph.path("nodes").forEach(n -> nodes.add(new Node(n.path("id").asText(), n.path("kind").asText("dataset"),
                n.path("label").asText(n.path("id").asText()))));
        return nodes;
    }

    static List<Edge> edges(JsonNode graph) {
        List<Edge> edges = new ArrayList<>();
        graph.path("edges").forEach(e -> {
            if (!"column".equals(e.path("kind").asText())) {
                Edge edge = new Edge(e.path("from").asText(), e.path("to").asText());
                if (!edges.contains(edge)) {
                    edges.add(edge);
                }
            }
        });
        return edges;
    }

    /**
     * Columns by signed distance from the root: upstream negative, downstream positive, following the
     * edges' direction (from → to is data flowing downstream).
     */
    static Map<String, Integer> columns(String root, List<Node> nodes, List<Edge> edges) {
        Map<String, Integer> column = new LinkedHashMap<>();
        column.put(root, 0);
        Deque<String> queue = new ArrayDeque<>(List.of(root));
        while (!queue.isEmpty()) {
            String at = queue.poll();
            int c = column.get(at);
            for (Edge edge : edges) {
                if (edge.from().equals(at) && !column.containsKey(edge.to()) && c >= 0) {
                    column.put(edge.to(), c + 1);
                    queue.add(edge.to());
                }
                if (edge.to().equals(at) && !column.containsKey(edge.from()) && c <= 0) {
                    column.put(edge.from(), c - 1);
                    queue.add(edge.from());
                }
            }
        }
        for (Node node : nodes) {
            column.putIfAbsent(node.id(), 0);
        }
        return column;
    }

    /** @param root the graph's root node id, e.g. {@code product:orders-daily} */
    static String svg(String root, JsonNode graph) {
        List<Node> nodes = nodes(graph);
        List<Edge> edges = edges(graph);
        if (nodes.stream().noneMatch(n -> n.id().equals(root))) {
            nodes.add(0, new Node(root, "product", root));
        }
        Map<String, Integer> column = columns(root, nodes, edges);
        int min = column.values().stream().min(Integer::compare).orElse(0);
        int max = column.values().stream().max(Integer::compare).orElse(0);
        Map<Integer, Integer> rowsUsed = new HashMap<>();
        Map<String, double[]> at = new LinkedHashMap<>();
        for (Node node : nodes) {
            int c = column.get(node.id()) - min;
            int r = rowsUsed.merge(c, 1, Integer::sum) - 1;
            at.put(node.id(), new double[] {10 + c * (BOX_W + COL_GAP), 10 + r * (BOX_H + ROW_GAP)});
        }
        int rows = rowsUsed.values().stream().max(Integer::compare).orElse(1);
        int width = 20 + (max - min + 1) * (BOX_W + COL_GAP) - COL_GAP;
        int height = 20 + rows * (BOX_H + ROW_GAP) - ROW_GAP;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 ").append(width).append(' ').append(height)
                .append("' width='").append(width).append("' style='max-width:100%;height:auto' role='img'>")
                .append("<title>Lineage of ").append(Svg.escape(root)).append(": upstream on the left, downstream on the right</title>")
                .append("<defs><marker id='arrow' viewBox='0 0 10 10' refX='10' refY='5' markerWidth='7' markerHeight='7' orient='auto'>")
                .append("<path d='M0 0 L10 5 L0 10 z' fill='#888'/></marker></defs>");
        for (Edge edge : edges) {
            double[] from = at.get(edge.from());
            double[] to = at.get(edge.to());
            if (from == null || to == null) {
                continue;
            }
            svg.append(String.format(Locale.ROOT,
                    "<line class='lineage-edge' x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' stroke='#888' stroke-width='1.5' marker-end='url(#arrow)'/>",
                    from[0] + BOX_W, from[1] + BOX_H / 2.0, to[0], to[1] + BOX_H / 2.0));
        }
        for (Node node : nodes) {
            double[] p = at.get(node.id());
            boolean isRoot = node.id().equals(root);
            String fill = switch (node.kind()) {
                case "product" -> isRoot ? "#1676f3" : "#e3efff";
                case "job" -> "#fff4d6";
                default -> "#eeeeee";
            };
            String text = isRoot ? "#ffffff" : "#1a1a1a";
            String label = node.label().length() > 24 ? node.label().substring(0, 23) + "…" : node.label();
            String box = String.format(Locale.ROOT,
                    "<rect x='%.1f' y='%.1f' width='%d' height='%d' rx='6' fill='%s' stroke='#5a6b80'/>"
                            + "<text x='%.1f' y='%.1f' font-size='12' text-anchor='middle' fill='%s'>%s</text>",
                    p[0], p[1], BOX_W, BOX_H, fill, p[0] + BOX_W / 2.0, p[1] + BOX_H / 2.0 + 4, text, Svg.escape(label));
            String title = "<title>" + Svg.escape(node.kind() + " " + node.label()) + "</title>";
            if ("product".equals(node.kind()) && !isRoot) {
                String productId = node.id().startsWith("product:") ? node.id().substring("product:".length()) : node.id();
                svg.append("<a class='lineage-node' href='product/").append(URLEncoder.encode(productId, StandardCharsets.UTF_8))
                        .append("' aria-label='").append(Svg.escape("Open product " + node.label())).append("'>")
                        .append(title).append(box).append("</a>");
            } else {
                svg.append("<g class='lineage-node'>").append(title).append(box).append("</g>");
            }
        }
        return svg.append("</svg>").toString();
    }
}
