package io.meshwork.portal.product;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.meshwork.portal.node.NodeException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Everything a consumer reads on a product's page before asking for access: description, owner and
 * support, output ports; each port's contract schema with its classifications; the SLA and its
 * current status; the quality score and its history (chart); the lineage graph (clickable); versions
 * and changelog. Each section comes from its own API and says plainly when that API has nothing or
 * is missing, instead of hiding or inventing it.
 */
public class ProductDetails extends VerticalLayout {

    /** A column of a port's contract as the schema table shows it. */
    public record Column(String port, String name, String type, String classification, boolean required, String description) {
    }

    private final ProductReads reads;
    final Div overview = section("product-overview");
    final Div schema = section("product-schema");
    final Div sla = section("product-sla");
    final Div quality = section("product-quality");
    final Div lineage = section("product-lineage");
    final Div versions = section("product-versions");
    final List<Column> columns = new ArrayList<>();

    public ProductDetails(ProductReads reads) {
        this.reads = reads;
        setPadding(false);
        setId("product-details");
        add(overview, new H3("Schema"), schema, new H3("SLA and status"), sla, new H3("Quality"), quality,
                new H3("Lineage"), lineage, new H3("Versions and changelog"), versions);
    }

    private static Div section(String id) {
        Div div = new Div();
        div.setId(id);
        div.setWidthFull();
        return div;
    }

    /** Fills every section for this product (its ODPS document, as the node returned it). */
    public void show(JsonNode product) {
        String id = product.path("id").asText();
        showOverview(product);
        List<String> contractIds = new ArrayList<>();
        product.path("outputPorts").forEach(p -> {
            if (!p.path("contractId").asText("").isEmpty()) {
                contractIds.add(p.path("contractId").asText());
            }
        });
        fill(schema, () -> schemaOf(product));
        fill(sla, () -> slaOf(id, product.path("domain").asText("")));
        fill(quality, () -> qualityOf(id));
        fill(lineage, () -> lineageOf(id));
        fill(versions, () -> versionsOf(id, contractIds));
    }

    /** One section from one API: its failure shows in the section, in words, and nowhere else. */
    private static void fill(Div section, Supplier<List<Component>> content) {
        section.removeAll();
        try {
            content.get().forEach(section::add);
        } catch (NodeException failure) {
            String what = switch (failure.status()) {
                case 404 -> "Not available: this node does not offer it yet (" + failure.title() + ").";
                case 403 -> "Not shown: " + (failure.detail() == null ? failure.title() : failure.detail());
                case 0 -> "The mesh node is unreachable.";
                default -> "Could not load it: " + failure.getMessage();
            };
            section.add(empty(what + (failure.traceId() == null ? "" : " (trace id " + failure.traceId() + ")")));
        }
    }

    static Paragraph empty(String text) {
        Paragraph empty = new Paragraph(text);
        empty.addClassName("empty-state");
        empty.getStyle().set("color", "var(--lumo-secondary-text-color)");
        return empty;
    }

    private void showOverview(JsonNode product) {
        overview.removeAll();
        String purpose = product.path("description").path("purpose").asText("");
        String usage = product.path("description").path("usage").asText("");
        overview.add(new Paragraph(purpose.isEmpty() ? "No description yet." : purpose));
        if (!usage.isEmpty()) {
            overview.add(new Paragraph("Usage: " + usage));
        }
        List<String> owners = new ArrayList<>();
        product.path("team").path("members").forEach(m -> {
            if ("owner".equals(m.path("role").asText())) {
                owners.add(m.path("username").asText());
            }
        });
        String team = product.path("team").path("name").asText("");
        Span owner = new Span("Owner: " + (team.isEmpty() ? "" : team) + (owners.isEmpty() ? "" : (team.isEmpty() ? "" : " — ")
                + String.join(", ", owners)) + (team.isEmpty() && owners.isEmpty() ? "not named" : ""));
        owner.setId("product-owner");
        overview.add(new Paragraph(owner));
        List<Component> support = new ArrayList<>();
        product.path("support").forEach(s -> {
            String channel = s.path("channel").asText("support");
            String url = s.path("url").asText("");
            support.add(url.startsWith("http") ? new Anchor(url, channel + (s.has("tool") ? " (" + s.path("tool").asText() + ")" : ""))
                    : new Span(channel));
        });
        if (!support.isEmpty()) {
            HorizontalLayout line = new HorizontalLayout(new Span("Support:"));
            support.forEach(line::add);
            line.getStyle().set("flex-wrap", "wrap");
            overview.add(line);
        }
        Grid<JsonNode> ports = new Grid<>();
        ports.setId("product-ports");
        ports.setAllRowsVisible(true);
        ports.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_NO_BORDER);
        ports.addColumn(p -> p.path("name").asText()).setHeader("Output port").setAutoWidth(true);
        ports.addColumn(p -> p.path("type").asText("")).setHeader("Type").setAutoWidth(true);
        ports.addColumn(p -> p.path("version").asText("")).setHeader("Version").setAutoWidth(true);
        ports.addColumn(p -> p.path("contractId").asText("")).setHeader("Contract").setAutoWidth(true);
        ports.addColumn(p -> p.path("description").asText("")).setHeader("Description").setFlexGrow(2);
        List<JsonNode> items = new ArrayList<>();
        product.path("outputPorts").forEach(items::add);
        ports.setItems(items);
        overview.add(items.isEmpty() ? empty("No output ports: nothing to read yet.") : ports);
    }

    private List<Component> schemaOf(JsonNode product) {
        columns.clear();
        for (JsonNode port : product.path("outputPorts")) {
            String contractId = port.path("contractId").asText("");
            if (contractId.isEmpty()) {
                continue;
            }
            JsonNode contract = reads.contract(contractId);
            for (JsonNode object : contract.path("schema")) {
                for (JsonNode c : object.path("properties")) {
                    columns.add(new Column(port.path("name").asText(), c.path("name").asText(),
                            c.path("logicalType").asText("") + (c.has("physicalType") ? " (" + c.path("physicalType").asText() + ")" : ""),
                            c.path("classification").asText(""), c.path("required").asBoolean(false), c.path("description").asText("")));
                }
            }
        }
        if (columns.isEmpty()) {
            return List.of(empty("No schema: the output ports name no contract with columns."));
        }
        Grid<Column> grid = new Grid<>(Column.class, false);
        grid.setId("schema-grid");
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(Column::port).setHeader("Port").setAutoWidth(true);
        grid.addColumn(Column::name).setHeader("Column").setAutoWidth(true);
        grid.addColumn(Column::type).setHeader("Type").setAutoWidth(true);
        grid.addComponentColumn(c -> {
            if (c.classification().isEmpty()) {
                return new Span("");
            }
            Span badge = new Span(c.classification());
            badge.getElement().getThemeList().add("public".equals(c.classification()) ? "badge contrast" : "badge error");
            badge.addClassName("classification");
            return badge;
        }).setHeader("Classification").setAutoWidth(true);
        grid.addColumn(c -> c.required() ? "yes" : "").setHeader("Required").setAutoWidth(true);
        grid.addColumn(Column::description).setHeader("Description").setFlexGrow(2).setTooltipGenerator(Column::description);
        grid.setItems(columns);
        return List.of(grid);
    }

    private List<Component> slaOf(String productId, String domain) {
        JsonNode mine = null;
        for (JsonNode item : reads.slo(domain).path("items")) {
            if (productId.equals(item.path("product").asText())) {
                mine = item;
            }
        }
        if (mine == null) {
            return List.of(empty("No SLA status: only active products with SLA properties in their contracts are monitored."));
        }
        List<Component> parts = new ArrayList<>();
        String status = mine.path("status").asText();
        Span badge = new Span(switch (status) {
            case "ok" -> "SLA met";
            case "breached" -> "SLA breached";
            case "pending" -> "SLA pending (no batch yet)";
            default -> "not monitored";
        });
        badge.setId("sla-status");
        badge.getElement().getThemeList().add(switch (status) {
            case "ok" -> "badge success";
            case "breached" -> "badge error";
            default -> "badge contrast";
        });
        parts.add(badge);
        for (JsonNode port : mine.path("ports")) {
            for (JsonNode objective : port.path("objectives")) {
                Div line = new Div(new Span(port.path("port").asText() + " · " + objective.path("property").asText() + " "
                        + objective.path("value").asText("") + " " + objective.path("unit").asText("") + ": "
                        + objective.path("status").asText() + (objective.path("reason").asText("").isEmpty() ? ""
                                : " — " + objective.path("reason").asText())));
                line.addClassName("sla-objective");
                parts.add(line);
            }
        }
        return parts;
    }

    private List<Component> qualityOf(String productId) {
        JsonNode q = reads.quality(productId);
        List<QualityChart.Point> points = new ArrayList<>();
        q.path("history").path("items").forEach(run -> {
            if (run.path("score").isNumber()) {
                points.add(new QualityChart.Point(run.path("at").asText(), run.path("score").asDouble()));
            }
        });
        Collections.reverse(points);
        List<Component> parts = new ArrayList<>();
        Span score = new Span(q.path("score").isNumber()
                ? String.format(Locale.ROOT, "Score %.0f / 100", q.path("score").asDouble()) : "No score yet");
        score.setId("quality-score");
        score.getElement().getThemeList().add(q.path("score").isNumber() && q.path("score").asDouble() >= 90 ? "badge success" : "badge");
        HorizontalLayout head = new HorizontalLayout(score);
        head.getStyle().set("flex-wrap", "wrap");
        q.path("dimensions").fields().forEachRemaining((Map.Entry<String, JsonNode> d) -> {
            if (d.getValue().isNumber()) {
                head.add(new Span(d.getKey() + " " + Math.round(d.getValue().asDouble())));
            }
        });
        parts.add(head);
        if (points.isEmpty()) {
            parts.add(empty("No quality runs yet: scores appear after the first batch or an on-demand run."));
        } else {
            parts.add(Svg.of("quality-chart", QualityChart.svg(points), "Quality score over the last " + points.size() + " runs"));
        }
        return parts;
    }

    private List<Component> lineageOf(String productId) {
        JsonNode graph = reads.lineage(productId);
        String root = graph.path("root").asText("product:" + productId);
        if (graph.path("nodes").size() <= 1 && graph.path("edges").isEmpty()) {
            return List.of(empty("No lineage recorded: no input ports, and no pipeline has reported runs yet."));
        }
        return List.of(Svg.of("lineage-graph", LineageSvg.svg(root, graph),
                "Lineage graph; products are links to their pages"));
    }

    private List<Component> versionsOf(String productId, List<String> contractIds) {
        List<Component> parts = new ArrayList<>();
        JsonNode history = reads.productHistory(productId);
        parts.add(new H4("Product"));
        parts.add(changelog("product-history", history));
        for (String contractId : contractIds) {
            parts.add(new H4("Contract " + contractId));
            parts.add(changelog("changelog-" + contractId, reads.contractChangelog(contractId)));
        }
        return parts;
    }

    private static Component changelog(String id, JsonNode history) {
        List<JsonNode> entries = new ArrayList<>();
        history.path("entries").forEach(entries::add);
        if (entries.isEmpty()) {
            return empty("No revisions recorded.");
        }
        Grid<JsonNode> grid = new Grid<>();
        grid.setId(id);
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_NO_BORDER);
        grid.addColumn(e -> e.path("revision").asText()).setHeader("Rev.").setAutoWidth(true);
        grid.addColumn(e -> e.path("version").asText("")).setHeader("Version").setAutoWidth(true);
        grid.addColumn(e -> e.path("status").asText("")).setHeader("Status").setAutoWidth(true);
        grid.addColumn(e -> e.path("at").asText("").replace('T', ' ').replaceAll("\\.\\d+Z$", "Z")).setHeader("When").setAutoWidth(true);
        grid.addColumn(e -> e.path("by").asText("")).setHeader("By").setAutoWidth(true);
        grid.addColumn(ProductDetails::changes).setHeader("What changed").setFlexGrow(3).setTooltipGenerator(ProductDetails::changes);
        grid.setItems(entries);
        return grid;
    }

    private static String changes(JsonNode entry) {
        if (!entry.path("summary").asText("").isEmpty()) {
            return entry.path("summary").asText();
        }
        List<String> lines = new ArrayList<>();
        entry.path("changes").forEach(c -> lines.add((c.path("breaking").asBoolean() ? "BREAKING " : "")
                + (c.path("element").asText("").isBlank() ? "" : c.path("element").asText() + ": ") + c.path("description").asText()));
        return lines.isEmpty() ? "registered" : String.join("; ", lines);
    }
}
