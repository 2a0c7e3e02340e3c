package io.meshwork.portal.sre;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AccessDeniedErrorRouter;
import io.meshwork.portal.layout.MainLayout;
import io.meshwork.portal.node.NodeException;
import io.meshwork.portal.security.HeldToken;
import io.meshwork.portal.security.UserTokens;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;

/**
 * The SRE's view of the mesh at a glance: SLO status of every product (a red/green board), request
 * rate, errors and p95 latency (RED) over the last hour, overall and per route, ingestion throughput,
 * incidents, recent errors with their trace ids, and node health. It is live: while the page is open a
 * background task asks the node (cheaply) whether a new telemetry sample has been stored, and when one
 * has (or {@link #AT_LEAST_EVERY} has passed), reads every panel and pushes them to the browser
 * ({@code @Push}, {@link UI#access}). The task
 * holds the user's token (refreshed as it expires) and ends when the page is left. Each panel comes
 * from its own API and says so when that API has nothing or is missing.
 */
@Route(value = "sre", layout = MainLayout.class)
@PageTitle("SRE dashboard | Meshwork")
@RolesAllowed({"sre", "mesh-admin"})
@AccessDeniedErrorRouter
public class SreDashboardView extends VerticalLayout {

    /** How often the live task asks the node for a new sample (a small query: the samples after the last one seen). */
    static final Duration CHECK = Duration.ofSeconds(1);
    /**
     * Pushed at least this often even without a new sample: recent errors (the node lists those not yet
     * stored too) and the node's current health move between samples.
     */
    static final Duration AT_LEAST_EVERY = Duration.ofSeconds(10);
    static final Duration WINDOW = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(SreDashboardView.class);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    /** Shared by every open dashboard: a few daemon threads, never the request threads; each view cancels its task on detach. */
    private static final ScheduledExecutorService LIVE = Executors.newScheduledThreadPool(2, r -> {
        Thread thread = new Thread(r, "sre-dashboard-live");
        thread.setDaemon(true);
        return thread;
    });

    private final TelemetryClient telemetry;
    private final UserTokens tokens;
    final Span refreshed = new Span();
    final Span live = new Span();
    final Div board = panel("sre-slo-board");
    final Div red = panel("sre-red");
    final Div routes = panel("sre-routes");
    final Div ingestion = panel("sre-ingestion");
    final Div incidents = panel("sre-incidents");
    final Div errors = panel("sre-errors");
    final Div health = panel("sre-health");
    private volatile Instant lastSample;
    private volatile Instant lastPush = Instant.now();
    private volatile ScheduledFuture<?> following;

    public SreDashboardView(TelemetryClient telemetry, UserTokens tokens) {
        this.telemetry = telemetry;
        this.tokens = tokens;
        setWidthFull();
        refreshed.setId("sre-refreshed");
        refreshed.getStyle().set("color", "var(--lumo-secondary-text-color)");
        live.setId("sre-live");
        live.getElement().setAttribute("aria-live", "polite");
        live.getStyle().set("color", "var(--lumo-secondary-text-color)");
        FlexLayout charts = new FlexLayout(box("Requests, errors, p95 (last hour)", red), box("Ingestion (rows/s, last hour)", ingestion));
        charts.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        charts.setWidthFull();
        charts.getStyle().set("gap", "var(--lumo-space-m)");
        Div recentErrors = box("Recent errors", errors);
        recentErrors.getStyle().set("flex", "2 1 480px"); // its trace ids are long
        FlexLayout lists = new FlexLayout(box("Incidents", incidents), recentErrors, box("Node health", health));
        lists.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        lists.setWidthFull();
        lists.getStyle().set("gap", "var(--lumo-space-m)");
        Div perRoute = box("RED per route (last hour)", routes);
        perRoute.setWidthFull();
        add(new H2("SRE dashboard"), refreshed, live, new H3("SLO status"), board, charts, perRoute, lists);
        TelemetryClient.Snapshot first = telemetry.snapshot(WINDOW);
        lastSample = first.newestSample().orElse(first.at());
        show(first);
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
        stopFollowing();
        UI ui = attach.getUI();
        HeldToken token;
        try {
            token = tokens.hold();
        } catch (IllegalStateException noToken) {
            live.setText("Not live: reload the page to see new samples.");
            return;
        }
        live.setText("Live: new samples appear as the node takes them.");
        following = LIVE.scheduleWithFixedDelay(() -> follow(ui, token), CHECK.toMillis(), CHECK.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void onDetach(DetachEvent detach) {
        stopFollowing();
        super.onDetach(detach);
    }

    private void stopFollowing() {
        if (following != null) {
            following.cancel(false);
            following = null;
        }
    }

    /** One look for a new sample, on the live thread; pushes the whole dashboard when there is one. */
    private void follow(UI ui, HeldToken token) {
        try {
            String value = token.value();
            boolean due = Duration.between(lastPush, Instant.now()).compareTo(AT_LEAST_EVERY) >= 0;
            if (!due && telemetry.newestSampleAfter(value, lastSample).isEmpty()) {
                return;
            }
            TelemetryClient.Snapshot snapshot = telemetry.snapshot(value, WINDOW);
            snapshot.newestSample().ifPresent(at -> lastSample = at);
            lastPush = snapshot.at();
            ui.access(() -> {
                show(snapshot);
                live.setText("Live: new samples appear as the node takes them.");
            });
        } catch (NodeException failure) {
            // the node may come back: keep looking, and say why nothing moves meanwhile
            ui.access(() -> live.setText("Live updates paused: " + failure.getMessage()));
        } catch (OAuth2AuthorizationException expired) {
            ui.access(() -> live.setText("Live updates stopped: your sign-in has ended. Sign in again to follow the mesh."));
            stopFollowing();
        } catch (UIDetachedException gone) {
            stopFollowing();
        } catch (RuntimeException unexpected) {
            // a scheduled task that throws is never run again: say so rather than freeze silently
            LOG.warn("the SRE dashboard stopped following the telemetry", unexpected);
            ui.access(() -> live.setText("Live updates stopped: reload the page."));
            stopFollowing();
        }
    }

    /** Renders every panel from one reading of the node; on a request thread or inside {@link UI#access}. */
    void show(TelemetryClient.Snapshot snapshot) {
        fill(board, snapshot.slo(), SreDashboardView::board);
        fill(red, snapshot.red(), SreDashboardView::red);
        fill(routes, snapshot.red(), SreDashboardView::routes);
        fill(ingestion, snapshot.ingestion(), SreDashboardView::ingestion);
        fill(incidents, snapshot.incidents(), SreDashboardView::incidents);
        fill(errors, snapshot.errors(), SreDashboardView::errors);
        fill(health, snapshot.health(), SreDashboardView::health);
        long period = snapshot.health().json() == null ? 0 : snapshot.health().json().path("sampling").path("periodSeconds").asLong();
        refreshed.setText("Refreshed " + CLOCK.format(snapshot.at())
                + snapshot.newestSample().map(at -> " · newest sample " + CLOCK.format(at)).orElse(" · no sample yet")
                + (period > 0 ? " · the node samples every " + period + " s" : ""));
        refreshed.getElement().setAttribute("data-newest-sample", snapshot.newestSample().map(Instant::toString).orElse(""));
    }

    private static void fill(Div panel, TelemetryClient.Reading reading, Function<JsonNode, List<Component>> content) {
        List<Component> parts;
        NodeException failure = reading.failure();
        if (failure == null) {
            parts = content.apply(reading.json());
        } else {
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

    private static List<Component> board(JsonNode slo) {
        List<Component> tiles = new ArrayList<>();
        for (JsonNode product : slo.path("items")) {
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

    private static List<Component> red(JsonNode answer) {
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

    /** RED per service, route and method over the window: requests, mean rate, 4xx, 5xx, the worst p95. */
    private static List<Component> routes(JsonNode answer) {
        List<RouteRed> rows = new ArrayList<>();
        for (JsonNode series : answer.path("series")) {
            long requests = 0;
            long clientErrors = 0;
            long serverErrors = 0;
            double p95 = 0;
            for (JsonNode point : series.path("points")) {
                requests += point.path("requests").asLong();
                clientErrors += point.path("clientErrors").asLong();
                serverErrors += point.path("errors").asLong();
                p95 = Math.max(p95, point.path("p95").asDouble());
            }
            rows.add(new RouteRed(series.path("service").asText(""), series.path("method").asText("") + " " + series.path("route").asText(),
                    requests, clientErrors, serverErrors, p95));
        }
        if (rows.isEmpty()) {
            return List.of(empty("No requests in the last hour yet."));
        }
        rows.sort(java.util.Comparator.comparingLong(RouteRed::requests).reversed());
        Grid<RouteRed> grid = new Grid<>();
        grid.setId("routes-grid");
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(RouteRed::service).setHeader("Service").setAutoWidth(true);
        grid.addColumn(RouteRed::route).setHeader("Route").setAutoWidth(true).setFlexGrow(3)
                .setTooltipGenerator(RouteRed::route);
        grid.addColumn(RouteRed::requests).setHeader("Requests").setAutoWidth(true);
        grid.addColumn(r -> r.clientErrors()).setHeader("4xx").setAutoWidth(true);
        grid.addColumn(r -> r.serverErrors()).setHeader("5xx").setAutoWidth(true);
        grid.addColumn(r -> String.format(Locale.ROOT, "%.1f", r.p95())).setHeader("p95 ms (worst)").setAutoWidth(true);
        grid.setItems(rows);
        return List.of(grid);
    }

    record RouteRed(String service, String route, long requests, long clientErrors, long serverErrors, double p95) {
    }

    private static List<Component> ingestion(JsonNode answer) {
        Map<String, List<LineChart.Point>> byDomain = new LinkedHashMap<>();
        for (JsonNode point : answer.path("points")) {
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

    private static List<Component> incidents(JsonNode answer) {
        List<JsonNode> items = new ArrayList<>();
        answer.path("items").forEach(items::add);
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
        return List.of(timeline(items), grid);
    }

    /** The incidents on a time axis: open ones red up to now, resolved ones grey. */
    private static Component timeline(List<JsonNode> items) {
        List<IncidentTimeline.Incident> incidents = items.stream()
                .filter(i -> i.hasNonNull("openedAt"))
                .map(i -> new IncidentTimeline.Incident(i.path("product").asText() + " / " + i.path("port").asText(),
                        Instant.parse(i.path("openedAt").asText()),
                        i.hasNonNull("resolvedAt") ? Instant.parse(i.path("resolvedAt").asText()) : null))
                .toList();
        Div holder = new Div();
        holder.setId("incidents-timeline");
        holder.getElement().setProperty("innerHTML", IncidentTimeline.svg(incidents, Instant.now()));
        holder.getElement().setAttribute("role", "figure");
        holder.getElement().setAttribute("aria-label", "Incidents over time");
        return holder;
    }

    private static List<Component> errors(JsonNode answer) {
        List<JsonNode> items = new ArrayList<>();
        answer.path("items").forEach(items::add);
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

    private static List<Component> health(JsonNode answer) {
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
