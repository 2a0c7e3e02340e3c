package io.meshwork.portal.sre;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.data.provider.Query;
import io.meshwork.portal.node.NodeApi;
import io.meshwork.portal.node.NodeException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/** The dashboard's panels from one reading of the node's telemetry, without a browser. */
class SreDashboardViewTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final UI ui = new UI();

    @BeforeEach
    void enterUi() {
        UI.setCurrent(ui);
    }

    @AfterEach
    void leaveUi() {
        UI.setCurrent(null);
    }

    @Test
    void everyPanelShowsTheNodesData() throws Exception {
        var view = new SreDashboardView(answering(withData()), null);

        assertThat(texts(view.board)).containsExactly("orders-daily · ok", "payments-ledger · breached");
        assertThat(view.board.getElement().toString()).contains("slo-ok", "slo-breached");
        String chart = view.red.getElement().toString();
        assertThat(chart).contains("id=\"red-chart\"", "id=\"latency-chart\"");
        assertThat(view.red.getChildren().findFirst().orElseThrow().getElement().getProperty("innerHTML"))
                .contains("class='chart-series' d='M").contains(" L");
        assertThat(rows(view.routes, SreDashboardView.RouteRed.class)).containsExactly(
                new SreDashboardView.RouteRed("meshwork-node", "POST /api/v1/query", 30, 2, 1, 42.0),
                new SreDashboardView.RouteRed("meshwork-node", "GET /api/v1/products", 5, 0, 0, 3.0));
        assertThat(view.ingestion.getElement().toString()).contains("id=\"ingestion-chart\"");
        assertThat(rows(view.errors, JsonNode.class)).extracting(e -> e.path("traceId").asText()).containsExactly("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(rows(view.incidents, JsonNode.class)).extracting(i -> i.path("product").asText()).containsExactly("payments-ledger");
        assertThat(view.incidents.getChildren().findFirst().orElseThrow().getElement().getProperty("innerHTML"))
                .contains("class='incident-open'").contains("payments-ledger / ledger");
        assertThat(texts(view.health)).anyMatch(t -> t.startsWith("Node node-1 up"));
        assertThat(view.refreshed.getText()).contains("newest sample 10:00:02 UTC", "the node samples every 1 s");
    }

    @Test
    void aPanelWithoutSamplesOrWithoutItsApiSaysSo() throws Exception {
        JsonNode none = JSON.readTree("{\"items\":[],\"series\":[],\"points\":[]}");
        NodeException refused = NodeException.invalid("Bad window", List.of());
        var snapshot = new TelemetryClient.Snapshot(Instant.parse("2026-11-25T10:00:03Z"), reading(none), reading(none),
                new TelemetryClient.Reading(null, refused), reading(none), reading(none), reading(JSON.readTree("{\"status\":\"up\",\"points\":[]}")));
        var view = new SreDashboardView(answering(snapshot), null);

        assertThat(texts(view.board)).containsExactly("No active product has SLA properties in its contract yet.");
        assertThat(texts(view.red)).containsExactly("No samples in the last hour yet: the node samples its meters periodically.");
        assertThat(texts(view.routes)).containsExactly("No requests in the last hour yet.");
        assertThat(texts(view.ingestion)).containsExactly("Could not load it: Bad window");
        assertThat(view.refreshed.getText()).contains("no sample yet");
    }

    @Test
    void theNewestSampleIsTheLatestHealthPoint() throws Exception {
        assertThat(withData().newestSample()).contains(Instant.parse("2026-11-25T10:00:02Z"));
    }

    private static TelemetryClient answering(TelemetryClient.Snapshot snapshot) {
        return new TelemetryClient(NodeApi.create(URI.create("http://127.0.0.1:9"), RestClient.builder(), JSON), null) {
            @Override
            Snapshot snapshot(Duration last) {
                return snapshot;
            }
        };
    }

    private static TelemetryClient.Snapshot withData() throws Exception {
        JsonNode slo = JSON.readTree("""
                {"items":[{"product":"orders-daily","domain":"orders","status":"ok"},
                          {"product":"payments-ledger","domain":"payments","status":"breached"}]}""");
        JsonNode red = JSON.readTree("""
                {"series":[
                  {"service":"meshwork-node","route":"/api/v1/products","method":"GET","points":[
                    {"at":"2026-11-25T10:00:01Z","requests":5,"rate":5.0,"clientErrors":0,"errors":0,"p95":3.0}]},
                  {"service":"meshwork-node","route":"/api/v1/query","method":"POST","points":[
                    {"at":"2026-11-25T10:00:01Z","requests":10,"rate":10.0,"clientErrors":2,"errors":0,"p95":42.0},
                    {"at":"2026-11-25T10:00:02Z","requests":20,"rate":20.0,"clientErrors":0,"errors":1,"p95":12.0}]}]}""");
        JsonNode ingestion = JSON.readTree("""
                {"points":[{"at":"2026-11-25T10:00:01Z","domain":"orders","rowsPerSecond":120.0},
                           {"at":"2026-11-25T10:00:02Z","domain":"orders","rowsPerSecond":80.0}]}""");
        JsonNode incidents = JSON.readTree("""
                {"items":[{"openedAt":"2026-11-25T09:58:00Z","product":"payments-ledger","port":"ledger","status":"open",
                           "reason":"freshness: last batch 3 h ago"}]}""");
        JsonNode errors = JSON.readTree("""
                {"items":[{"at":"2026-11-25T10:00:01Z","status":403,"method":"POST","route":"/api/v1/query",
                           "traceId":"4bf92f3577b34da6a3ce929d0e0e4736"}]}""");
        JsonNode health = JSON.readTree("""
                {"status":"up","current":{"node":"node-1","uptimeSeconds":60,"heapUsedBytes":1048576,"heapMaxBytes":2097152},
                 "points":[{"at":"2026-11-25T10:00:01Z"},{"at":"2026-11-25T10:00:02Z"}],"sampling":{"periodSeconds":1}}""");
        return new TelemetryClient.Snapshot(Instant.parse("2026-11-25T10:00:03Z"), reading(slo), reading(red), reading(ingestion),
                reading(incidents), reading(errors), reading(health));
    }

    private static TelemetryClient.Reading reading(JsonNode json) {
        return new TelemetryClient.Reading(json, null);
    }

    private static List<String> texts(Div panel) {
        return descendants(panel).filter(c -> c instanceof Span || c instanceof com.vaadin.flow.component.html.Paragraph)
                .map(c -> c.getElement().getText()).filter(t -> !t.isBlank()).toList();
    }

    private static Stream<Component> descendants(Component parent) {
        return parent.getChildren().flatMap(child -> Stream.concat(Stream.of(child), descendants(child)));
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> rows(Div panel, Class<T> type) {
        Grid<T> grid = (Grid<T>) descendants(panel).filter(Grid.class::isInstance).findFirst().orElseThrow();
        return grid.getDataProvider().fetch(new Query<>()).toList();
    }
}
