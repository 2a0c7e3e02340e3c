package io.meshwork.portal.sre;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AccessDeniedErrorRouter;
import io.meshwork.portal.layout.MainLayout;
import io.meshwork.portal.node.NodeException;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The SRE's view of the mesh at a glance: SLO status of every product (a red/green board), request
 * rate and errors and p95 latency (RED) over the last hour, ingestion throughput, incidents, recent
 * errors with their trace ids, and node health. It refreshes itself every few seconds while open
 * (the page asks on a timer, so each refresh carries the user's fresh token). Each panel comes from
 * its own API and says so when that API has nothing or is missing.
 */
@Route(value = "sre", layout = MainLayout.class)
@PageTitle("SRE dashboard | Meshwork")
@RolesAllowed({"sre", "mesh-admin"})
@AccessDeniedErrorRouter
public class SreDashboardView extends VerticalLayout {

    static final int REFRESH_MS = 5_000;
    static final Duration WINDOW = Duration.ofHours(1);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final TelemetryClient telemetry;
    final Span refreshed = new Span();
    final Div board = panel("sre-slo-board");
    final Div red = panel("sre-red");
    final Div ingestion = panel("sre-ingestion");
    final Div incidents = panel("sre-incidents");
    final Div errors = panel("sre-errors");
    final Div health = panel("sre-health");
    private Registration polling;

    public SreDashboardView(TelemetryClient telemetry) {
        this.telemetry = telemetry;
        setWidthFull();
        refreshed.setId("sre-refreshed");
        refreshed.getStyle().set("color", "var(--lumo-secondary-text-color)");
        FlexLayout charts = new FlexLayout(box("Requests, errors, p95 (last hour)", red), box("Ingestion (rows/s, last hour)", ingestion));
        charts.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        charts.setWidthFull();
        charts.getStyle().set("gap", "var(--lumo-space-m)");
        FlexLayout lists = new FlexLayout(box("Incidents", incidents), box("Recent errors", errors), box("Node health", health));
        lists.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        lists.setWidthFull();
        lists.getStyle().set("gap", "var(--lumo-space-m)");
        add(new H2("SRE dashboard"), refreshed, new H3("SLO status"), board, charts, lists);
        refresh();
    }

    private static Div panel(String id) {
        Div div = new Div();
        div.setId(id);
        div.setWidthFull();
        return div;
    }

    private static Div box(String title, Div content) {
        H3 heading = new H3(title);
        heading.getStyle().set("font-size", "var(--lumo-font-size-m)");
        Div box = new Div(heading, content);
        box.getStyle().set("flex", "1 1 360px").set("min-width", "0");
        return box;
    }

    @Override
    protected void onAttach(AttachEvent attach) {
        super.onAttach(attach);
        attach.getUI().setPollInterval(REFRESH_MS);
        polling = attach.getUI().addPollListener(poll -> refresh());
    }

    @Override
    protected void onDetach(DetachEvent detach) {
        detach.getUI().setPollInterval(-1);
        if (polling != null) {
            polling.remove();
        }
        super.onDetach(detach);
    }

    void refresh() {
        fill(board, this::board);
        fill(red, this::red);
        fill(ingestion, this::ingestion);
        fill(incidents, this::incidents);
        fill(errors, this::errors);
        fill(health, this::health);
        refreshed.setText("Refreshed " + CLOCK.format(Instant.now()) + " · every " + REFRESH_MS / 1000 + " s while open");
    }

    private static void fill(Div panel, Supplier<List<Component>> content) {
        List<Component> parts;
        try {
            parts = content.get();
        } catch (NodeException failure) {
            parts = List.of(empty(switch (failure.status()) {
                case 404 -> "Not available: this node has no such telemetry API (" + failure.title() + ").";
                case 403 -> "Not shown: " + (failure.detail() == null ? failure.title() : failure.detail());
                case 0 -> "The mesh node is unreachable.";
                default -> "Could not load it: " + failure.getMessage();
            }));
        }
        panel.removeAll();
        parts.forEach(panel::add);
    }

    static Paragraph empty(String text) {
        Paragraph empty = new Paragraph(text);
        empty.addClassName("empty-state");
        empty.getStyle().set("color", "var(--lumo-secondary-text-color)");
        return empty;
    }

    private List<Component> board() {
        List<Component> tiles = new ArrayList<>();
        for (JsonNode product : telemetry.slo().path("items")) {
            String status = product.path("status").asText();
            Span tile = new Span(product.path("product").asText() + " · " + status);
            tile.addClassName("slo-tile");
            tile.addClassName("slo-" + status);
            tile.getElement().getThemeList().add(switch (status) {
                case "ok" -> "badge success primary";
                case "breached" -> "badge error primary";
                default -> "badge contrast";
            });
            tile.getStyle().set("margin", "2px");
            tile.getElement().setAttribute("title", product.path("domain").asText() + ": " + status);
            tiles.add(tile);
        }
        if (tiles.isEmpty()) {
            return List.of(empty("No active product has SLA properties in its contract yet."));
        }
        Div wrap = new Div();
        wrap.getStyle().set("display", "flex").set("flex-wrap", "wrap");
        tiles.forEach(wrap::add);
        return List.of(wrap);
    }

    private List<Component> red() {
        JsonNode answer = telemetry.red(WINDOW);
        Map<Instant, double[]> byTime = new java.util.TreeMap<>();
        for (JsonNode series : answer.path("series")) {
            for (JsonNode point : series.path("points")) {
                double[] sums = byTime.computeIfAbsent(Instant.parse(point.path("at").asText()), at -> new double[3]);
                sums[0] += point.path("rate").asDouble();
                sums[1] += point.path("errors").asDouble() + point.path("clientErrors").asDouble();
                sums[2] = Math.max(sums[2], point.path("p95").asDouble());
            }
        }
        List<LineChart.Point> rate = new ArrayList<>();
        List<LineChart.Point> errorsPerSample = new ArrayList<>();
        List<LineChart.Point> p95 = new ArrayList<>();
        byTime.forEach((at, sums) -> {
            rate.add(new LineChart.Point(at, sums[0]));
            errorsPerSample.add(new LineChart.Point(at, sums[1]));
            p95.add(new LineChart.Point(at, sums[2]));
        });
        List<LineChart.Series> series = List.of(new LineChart.Series("requests/s", LineChart.COLOURS[0], rate),
                new LineChart.Series("errors (4xx+5xx)", LineChart.COLOURS[1], errorsPerSample));
        if (!LineChart.hasData(series)) {
            return List.of(empty("No samples in the last hour yet: the node samples its meters periodically."));
        }
        return List.of(chart("red-chart", "Requests and errors per sample, all routes", "per s / count", series),
                chart("latency-chart", "p95 latency, slowest route", "ms",
                        List.of(new LineChart.Series("p95 ms", LineChart.COLOURS[3], p95))));
    }

    private List<Component> ingestion() {
        Map<String, List<LineChart.Point>> byDomain = new LinkedHashMap<>();
        for (JsonNode point : telemetry.ingestion(WINDOW).path("points")) {
            byDomain.computeIfAbsent(point.path("domain").asText("mesh"), d -> new ArrayList<>())
                    .add(new LineChart.Point(Instant.parse(point.path("at").asText()), point.path("rowsPerSecond").asDouble()));
        }
        List<LineChart.Series> series = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, List<LineChart.Point>> domain : byDomain.entrySet()) {
            series.add(new LineChart.Series(domain.getKey(), LineChart.COLOURS[i++ % LineChart.COLOURS.length], domain.getValue()));
        }
        if (!LineChart.hasData(series)) {
            return List.of(empty("No ingestion in the last hour."));
        }
        return List.of(chart("ingestion-chart", "Rows per second by domain", "rows/s", series));
    }

    private static Component chart(String id, String label, String unit, List<LineChart.Series> series) {
        Div holder = new Div();
        holder.setId(id);
        holder.addClassName("sre-chart");
        holder.getElement().setProperty("innerHTML", LineChart.svg(label, unit, series));
        holder.getElement().setAttribute("role", "figure");
        holder.getElement().setAttribute("aria-label", label);
        return holder;
    }

    private List<Component> incidents() {
        List<JsonNode> items = new ArrayList<>();
        telemetry.incidents().path("items").forEach(items::add);
        if (items.isEmpty()) {
            return List.of(empty("No incidents: every monitored objective has been met."));
        }
        Grid<JsonNode> grid = new Grid<>();
        grid.setId("incidents-grid");
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.addColumn(i -> i.path("openedAt").asText()).setHeader("Opened").setAutoWidth(true);
        grid.addColumn(i -> i.path("product").asText() + " / " + i.path("port").asText()).setHeader("Port").setAutoWidth(true);
        grid.addColumn(i -> i.path("status").asText()).setHeader("Status").setAutoWidth(true);
        grid.addColumn(i -> i.path("reason").asText()).setHeader("Why").setFlexGrow(2).setTooltipGenerator(i -> i.path("reason").asText());
        grid.setItems(items);
        return List.of(grid);
    }

    private List<Component> errors() {
        List<JsonNode> items = new ArrayList<>();
        telemetry.errors().path("items").forEach(items::add);
        if (items.isEmpty()) {
            return List.of(empty("No 4xx or 5xx answers recently."));
        }
        Grid<JsonNode> grid = new Grid<>();
        grid.setId("errors-grid");
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.addColumn(e -> e.path("at").asText()).setHeader("At").setAutoWidth(true);
        grid.addColumn(e -> e.path("status").asText()).setHeader("Status").setAutoWidth(true);
        grid.addColumn(e -> e.path("method").asText() + " " + e.path("route").asText()).setHeader("Route").setAutoWidth(true);
        grid.addColumn(e -> e.path("traceId").asText("")).setHeader("Trace id").setAutoWidth(true);
        grid.setItems(items);
        return List.of(grid);
    }

    private List<Component> health() {
        JsonNode answer = telemetry.health(WINDOW);
        JsonNode now = answer.path("current");
        List<Component> parts = new ArrayList<>();
        Span status = new Span("Node " + now.path("node").asText("") + " " + answer.path("status").asText("unknown"));
        status.setId("node-health");
        status.getElement().getThemeList().add("up".equals(answer.path("status").asText()) ? "badge success" : "badge error");
        parts.add(status);
        parts.add(new Paragraph(String.format(Locale.ROOT, "uptime %d s · heap %.0f MiB of %.0f MiB · event-loop lag %.1f ms · CPU %.0f%% · %d threads",
                now.path("uptimeSeconds").asLong(), now.path("heapUsedBytes").asDouble() / 1048576, now.path("heapMaxBytes").asDouble() / 1048576,
                now.path("eventLoopLagMs").asDouble(), now.path("processCpu").asDouble() * 100, now.path("liveThreads").asLong())));
        return parts;
    }
}
