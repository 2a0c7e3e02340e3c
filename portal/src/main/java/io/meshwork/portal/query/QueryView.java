package io.meshwork.portal.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.StreamResource;
import com.vaadin.flow.server.auth.AccessDeniedErrorRouter;
import io.meshwork.portal.access.AccessClient;
import io.meshwork.portal.access.GrantRecord;
import io.meshwork.portal.layout.MainLayout;
import io.meshwork.portal.layout.Problems;
import io.meshwork.portal.node.NodeException;
import jakarta.annotation.security.PermitAll;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A data preview and a SQL editor over the ports I am granted ({@code query?product=orders-daily}):
 * the node answers under my grants, so masked columns come back masked and the row filter applies;
 * the page says which masks and filter are in effect, marks masked columns, and offers the result as
 * CSV and the granted port as Parquet.
 */
@Route(value = "query", layout = MainLayout.class)
@PageTitle("Query | Meshwork")
@PermitAll
@AccessDeniedErrorRouter
public class QueryView extends VerticalLayout implements BeforeEnterObserver {

    static final int PREVIEW_ROWS = 20;

    /** A port I may read: the grant and how SQL names the port. */
    public record GrantedPort(GrantRecord grant, String sqlName) {
        String label() {
            return grant.productId() + " / " + grant.port() + " (" + grant.purpose() + ")";
        }
    }

    private final QueryClient query;
    private final AccessClient access;
    final Select<GrantedPort> port = new Select<>();
    final TextArea sql = new TextArea("SQL (one SELECT; Ctrl+Enter runs it)");
    final IntegerField limit = new IntegerField("Row limit");
    final Button run = new Button("Run", VaadinIcon.PLAY.create());
    final Button preview = new Button("Preview");
    final Div effects = new Div();
    final Span status = new Span();
    final Grid<Map<String, Object>> results = new Grid<>();
    final Anchor download = new Anchor();
    final Anchor parquet = new Anchor();
    final Paragraph empty = new Paragraph();
    private List<GrantedPort> granted = List.of();

    public QueryView(QueryClient query, AccessClient access) {
        this.query = query;
        this.access = access;
        setWidthFull();
        port.setLabel("Granted port");
        port.setId("query-port");
        port.setItemLabelGenerator(GrantedPort::label);
        port.addValueChangeListener(change -> {
            if (change.getValue() != null) {
                showEffects(change.getValue());
                offerParquet(change.getValue());
                if (change.isFromClient() || sql.getValue().isBlank()) {
                    sql.setValue("SELECT * FROM " + change.getValue().sqlName() + " LIMIT 100");
                }
            }
        });
        sql.setId("query-sql");
        sql.setWidthFull();
        sql.setMinHeight("120px");
        sql.getStyle().set("font-family", "monospace");
        limit.setId("query-limit");
        limit.setValue(1000);
        limit.setMin(1);
        limit.setMax(100_000);
        run.setId("query-run");
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        run.addClickListener(click -> runQuery(sql.getValue()));
        run.addClickShortcut(Key.ENTER, KeyModifier.CONTROL);
        preview.setId("query-preview");
        preview.addClickListener(click -> {
            if (port.getValue() != null) {
                runQuery("SELECT * FROM " + port.getValue().sqlName() + " LIMIT " + PREVIEW_ROWS);
            }
        });
        effects.setId("query-effects");
        status.setId("query-status");
        status.getElement().setAttribute("aria-live", "polite");
        results.setId("query-results");
        results.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COLUMN_BORDERS);
        results.setAllRowsVisible(true);
        results.setVisible(false);
        download.setId("query-download");
        download.setText("Download CSV");
        download.getElement().setAttribute("download", true);
        download.setVisible(false);
        parquet.setId("query-parquet");
        parquet.setText("Download Parquet (the whole port, as granted)");
        parquet.setVisible(false);
        empty.setId("query-empty");
        HorizontalLayout controls = new HorizontalLayout(port, limit, run, preview, download, parquet);
        controls.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        controls.getStyle().set("flex-wrap", "wrap");
        add(new H2("Query my data"), empty, controls, effects, sql, status, results);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String product = event.getLocation().getQueryParameters().getSingleParameter("product").orElse("");
        load(product);
    }

    void load(String product) {
        try {
            granted = grantedPorts();
        } catch (NodeException failure) {
            granted = List.of();
            Problems.show(failure);
        }
        port.setItems(granted);
        boolean any = !granted.isEmpty();
        empty.setText(any ? "The node answers under your grants: masked columns stay masked, and the row filter applies."
                : "You hold no active grant yet: find a product, request access, and come back once an owner approves.");
        for (var c : List.of(port, limit, run, preview, sql)) {
            c.setVisible(any);
        }
        granted.stream().filter(g -> g.grant().productId().equals(product)).findFirst()
                .or(() -> granted.stream().findFirst())
                .ifPresent(port::setValue);
    }

    private List<GrantedPort> grantedPorts() {
        Map<String, String> domains = new HashMap<>();
        List<GrantedPort> ports = new ArrayList<>();
        for (GrantRecord grant : access.grants()) {
            if (!grant.active()) {
                continue;
            }
            String domain = domains.computeIfAbsent(grant.productId(), id -> access.ports(id).domain());
            ports.add(new GrantedPort(grant, QueryClient.portName(domain, grant.productId(), grant.port())));
        }
        return ports;
    }

    private void showEffects(GrantedPort chosen) {
        effects.removeAll();
        GrantRecord grant = chosen.grant();
        List<String> lines = new ArrayList<>();
        grant.masks().forEach((column, mask) -> lines.add(column + " is masked (" + mask + ")"));
        if (grant.rowFilter() != null && !grant.rowFilter().isBlank()) {
            lines.add("only rows where " + grant.rowFilter());
        }
        if (!grant.columns().isEmpty()) {
            lines.add("columns granted: " + String.join(", ", grant.columns()));
        }
        Span text = new Span(lines.isEmpty() ? "No masks or row filter apply to this grant."
                : "In effect for you: " + String.join("; ", lines) + ".");
        text.addClassName("query-effect");
        HorizontalLayout line = new HorizontalLayout(VaadinIcon.SHIELD.create(), text);
        line.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        effects.add(line);
    }

    void runQuery(String text) {
        GrantedPort chosen = port.getValue();
        String purpose = chosen == null ? null : chosen.grant().purpose();
        int rows = limit.getValue() == null ? 1000 : limit.getValue();
        sql.setInvalid(false);
        if (text == null || text.isBlank()) {
            sql.setErrorMessage("Write one SELECT");
            sql.setInvalid(true);
            return;
        }
        JsonNode answer;
        try {
            answer = query.run(text, rows, purpose);
        } catch (NodeException failure) {
            results.setVisible(false);
            download.setVisible(false);
            sql.setErrorMessage(failure.detail() == null ? failure.title() : failure.detail());
            sql.setInvalid(true);
            status.setText("Refused: " + failure.getMessage() + (failure.traceId() == null ? "" : " (trace id " + failure.traceId() + ")"));
            return;
        }
        showResult(answer, chosen);
        offerCsv(text, rows, purpose);
    }

    private void showResult(JsonNode answer, GrantedPort chosen) {
        results.removeAllColumns();
        Map<String, String> masks = chosen == null ? Map.of() : chosen.grant().masks();
        for (JsonNode column : answer.path("columns")) {
            String name = column.path("name").asText();
            String mask = masks.get(name);
            var gridColumn = results.addColumn(row -> display(row.get(name)))
                    .setHeader(mask == null ? name : name + " · masked (" + mask + ")")
                    .setAutoWidth(true).setResizable(true).setKey(name);
            if (mask != null) {
                gridColumn.setClassNameGenerator(row -> "masked");
                gridColumn.setTooltipGenerator(row -> "masked by policy (" + mask + ")");
            }
            if ("number".equals(column.path("type").asText()) || column.path("type").asText().matches("(?i).*(int|decimal|double|float).*")) {
                gridColumn.setTextAlign(ColumnTextAlign.END);
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode row : answer.path("rows")) {
            Map<String, Object> values = new LinkedHashMap<>();
            row.fields().forEachRemaining(f -> values.put(f.getKey(), f.getValue().isNull() ? null : f.getValue().asText()));
            rows.add(values);
        }
        results.setItems(rows);
        results.setVisible(!rows.isEmpty());
        long count = answer.path("rowCount").asLong(rows.size());
        status.setText(rows.isEmpty() ? "No rows: the port has no data yet, or none you may see."
                : count + " row(s)" + (answer.path("truncated").asBoolean(false) ? " — more exist beyond the limit" : ""));
    }

    private static String display(Object value) {
        return value == null ? "∅" : value.toString();
    }

    /**
     * The port's snapshot as the node exports it for this grant (granted columns, masks, row filter),
     * fetched from the node as the browser downloads it.
     */
    private void offerParquet(GrantedPort chosen) {
        GrantRecord grant = chosen.grant();
        String file = grant.productId() + "." + grant.port() + ".parquet";
        parquet.setHref(event -> {
            event.setFileName(file);
            event.setContentType(QueryClient.PARQUET.toString());
            try (var out = event.getOutputStream()) {
                query.parquet(grant.productId(), grant.port(), grant.purpose(), out);
            }
        }, AttachmentType.DOWNLOAD);
        parquet.getElement().setAttribute("aria-label", "Download " + file + ": the port's data as granted to you, in Parquet");
        parquet.setVisible(true);
    }

    /** The CSV is fetched now, on the request thread with the user's token, and served from memory on click. */
    private void offerCsv(String text, int rows, String purpose) {
        try {
            byte[] csv = query.csv(text, rows, purpose).getBytes(StandardCharsets.UTF_8);
            download.setHref(new StreamResource("meshwork-query.csv", () -> new java.io.ByteArrayInputStream(csv))
                    .setContentType("text/csv"));
            download.setVisible(true);
        } catch (NodeException failure) {
            download.setVisible(false);
        }
    }
}
