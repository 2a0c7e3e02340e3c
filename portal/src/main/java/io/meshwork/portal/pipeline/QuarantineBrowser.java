package io.meshwork.portal.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import io.meshwork.portal.node.NodeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows ingestion quarantined on a port, for its owners to fix the source: one row per refused
 * record with its batch, its line in the source, why, and what was received (the raw line of a record
 * that could not be parsed, else its columns' values); filtered by batch,
 * paged with "More" ({@code GET …/ports/{port}/quarantine}).
 */
public class QuarantineBrowser extends VerticalLayout {

    static final int PAGE = 50;

    /** A page of a port's quarantined rows: {@code (port, batch or null, limit, cursor or null)}. */
    @FunctionalInterface
    public interface Rows {
        JsonNode page(String port, String batchId, int limit, String cursor);
    }

    /** One quarantined record as the grid shows it. */
    public record Row(String batchId, long seq, long line, String reason, String raw, Map<String, String> values) {
        static Row of(JsonNode item) {
            Map<String, String> values = new LinkedHashMap<>();
            item.path("values").fields().forEachRemaining(f -> values.put(f.getKey(), f.getValue().isNull() ? null : f.getValue().asText()));
            return new Row(item.path("batchId").asText(""), item.path("seq").asLong(), item.path("line").asLong(),
                    item.path("reason").asText(""), item.path("raw").asText(""), values);
        }
    }

    private final Rows source;
    final Select<String> port = new Select<>();
    final ComboBox<String> batch = new ComboBox<>("Batch");
    final Grid<Row> grid = new Grid<>();
    final Button more = new Button("More");
    final Span status = new Span();
    private final List<Row> shown = new ArrayList<>();
    private List<String> columns = List.of();
    private String next;

    public QuarantineBrowser(Rows source) {
        this.source = source;
        setPadding(false);
        setId("quarantine");
        port.setLabel("Port");
        port.setId("quarantine-port");
        port.addValueChangeListener(change -> reload());
        batch.setId("quarantine-batch");
        batch.setClearButtonVisible(true);
        batch.setPlaceholder("every batch");
        batch.setHelperText("A batch with quarantined rows, newest first");
        batch.addValueChangeListener(change -> reload());
        grid.setId("quarantine-rows");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COLUMN_BORDERS);
        grid.setAllRowsVisible(true);
        grid.setVisible(false);
        more.setId("quarantine-more");
        more.setVisible(false);
        more.addClickListener(click -> load(false));
        status.setId("quarantine-status");
        status.getElement().setAttribute("aria-live", "polite");
        HorizontalLayout filters = new HorizontalLayout(port, batch);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.getStyle().set("flex-wrap", "wrap");
        add(filters, status, grid, more);
    }

    /**
     * The ports to browse and, from their recent batch reports, the batches that quarantined rows.
     * @param batches per port, the batch reports as the batch register lists them
     */
    public void show(List<String> ports, Map<String, List<JsonNode>> batches) {
        List<String> withQuarantine = new ArrayList<>();
        batches.values().forEach(list -> list.stream().filter(b -> b.path("rowsQuarantined").asLong() > 0)
                .forEach(b -> withQuarantine.add(b.path("id").asText())));
        batch.setItems(withQuarantine);
        port.setItems(ports);
        if (ports.isEmpty()) {
            status.setText("The product has no output ports.");
            grid.setVisible(false);
            return;
        }
        if (port.getValue() != null && ports.contains(port.getValue())) {
            reload();
        } else {
            port.setValue(ports.get(0));
        }
    }

    void reload() {
        shown.clear();
        next = null;
        load(true);
    }

    private void load(boolean fresh) {
        if (port.getValue() == null) {
            return;
        }
        JsonNode page;
        try {
            page = source.page(port.getValue(), batch.getValue(), PAGE, fresh ? null : next);
        } catch (NodeException failure) {
            grid.setVisible(false);
            more.setVisible(false);
            status.setText(failure.status() == 403 ? "Only the domain's owners may see its quarantined rows."
                    : "Could not read the quarantine: " + failure.getMessage());
            return;
        }
        List<String> pageColumns = new ArrayList<>();
        page.path("columns").forEach(c -> pageColumns.add(c.asText()));
        if (!pageColumns.equals(columns)) {
            // only when they change: replacing a shown grid's columns on every reload costs a full re-render
            configureColumns(pageColumns);
        }
        page.path("items").forEach(item -> shown.add(Row.of(item)));
        next = page.path("next").isTextual() ? page.path("next").asText() : null;
        grid.setItems(new ArrayList<>(shown));
        grid.setVisible(!shown.isEmpty());
        more.setVisible(next != null);
        status.setText(shown.isEmpty()
                ? (batch.getValue() == null ? "Nothing quarantined on " + port.getValue() + ": every row received so far was valid."
                        : "Batch " + batch.getValue() + " quarantined no rows of " + port.getValue() + ".")
                : shown.size() + " quarantined row(s)" + (next == null ? "" : ", more with “More”")
                        + " — fix them at the source and send them again.");
    }

    private void configureColumns(List<String> names) {
        columns = List.copyOf(names);
        grid.removeAllColumns();
        grid.addColumn(Row::seq).setHeader("Batch #").setAutoWidth(true).setFlexGrow(0)
                .setTooltipGenerator(Row::batchId);
        grid.addColumn(Row::line).setHeader("Line").setAutoWidth(true).setFlexGrow(0);
        // wide enough to read the reason and the line without hovering; the values scroll sideways
        grid.addColumn(Row::reason).setHeader("Reason").setWidth("18em").setFlexGrow(0).setResizable(true).setKey("reason")
                .setTooltipGenerator(Row::reason);
        grid.addColumn(Row::raw).setHeader("As received (unparsable line)").setWidth("24em").setFlexGrow(0).setResizable(true).setKey("_raw")
                .setTooltipGenerator(Row::raw);
        for (String name : names) {
            grid.addColumn(row -> display(row.values().get(name))).setHeader(name).setAutoWidth(true).setResizable(true).setKey(name);
        }
    }

    private static String display(String value) {
        return value == null ? "∅" : value;
    }
}
