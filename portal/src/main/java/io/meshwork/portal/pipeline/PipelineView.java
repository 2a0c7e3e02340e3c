package io.meshwork.portal.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AccessDeniedErrorRouter;
import io.meshwork.portal.layout.MainLayout;
import io.meshwork.portal.layout.Problems;
import io.meshwork.portal.node.NodeException;
import io.meshwork.portal.register.YamlDocument;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A product's ingestion pipeline ({@code pipeline?product=orders-daily}) for its owners: the spec
 * (sources, formats, schedules) to edit, "run now" per source with live progress pushed from the
 * server (phase, rows, rows/s), each output port's recent batches with their quarantine reasons, and
 * the quarantined rows themselves, each with its reason ({@link QuarantineBrowser}).
 */
@Route(value = "pipeline", layout = MainLayout.class)
@PageTitle("Pipeline | Meshwork")
@RolesAllowed({"domain-owner", "mesh-admin"})
@AccessDeniedErrorRouter
public class PipelineView extends VerticalLayout implements BeforeEnterObserver {

    /** One shared scheduler for every view's progress polling: a few threads, daemon, never the request threads. */
    private static final ScheduledExecutorService PROGRESS = Executors.newScheduledThreadPool(2, r -> {
        Thread thread = new Thread(r, "pipeline-progress");
        thread.setDaemon(true);
        return thread;
    });

    private final PipelineClient pipelines;
    final TextField product = new TextField("Product id");
    final Span status = new Span();
    final TextArea spec = new TextArea("Pipeline (YAML)");
    final Button save = new Button("Save pipeline");
    final Div specProblems = new Div();
    final Grid<JsonNode> sources = new Grid<>();
    final ProgressBar progress = new ProgressBar();
    final Span progressText = new Span();
    final VerticalLayout batches = new VerticalLayout();
    final QuarantineBrowser quarantine;
    String productId = "";
    private List<String> ports = List.of();
    /** Set on the request thread, cleared by the progress thread when the run ends. */
    private volatile ScheduledFuture<?> following;

    public PipelineView(PipelineClient pipelines) {
        this.pipelines = pipelines;
        this.quarantine = new QuarantineBrowser((port, batch, limit, cursor) -> pipelines.quarantine(productId, port, batch, limit, cursor));
        setMaxWidth("1100px");
        product.setId("pipeline-product");
        product.setPlaceholder("orders-daily");
        Button open = new Button("Open", click -> getUI().ifPresent(ui -> ui.navigate("pipeline",
                QueryParameters.simple(Map.of("product", product.getValue().strip())))));
        open.setId("pipeline-open");
        status.setId("pipeline-status");
        spec.setId("pipeline-spec");
        spec.setWidthFull();
        spec.setMinHeight("200px");
        spec.getStyle().set("font-family", "monospace");
        save.setId("pipeline-save");
        save.addClickListener(click -> save());
        specProblems.setId("pipeline-problems");
        sources.setId("pipeline-sources");
        sources.setAllRowsVisible(true);
        sources.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        sources.addColumn(s -> s.path("name").asText()).setHeader("Source").setAutoWidth(true);
        sources.addColumn(s -> s.path("port").asText()).setHeader("Port").setAutoWidth(true);
        sources.addColumn(s -> s.path("format").asText()).setHeader("Format").setAutoWidth(true);
        sources.addColumn(s -> s.path("schedule").asText("on demand")).setHeader("Schedule (UTC)").setAutoWidth(true);
        sources.addColumn(s -> s.path("url").asText(s.path("path").asText(""))).setHeader("From").setFlexGrow(2);
        sources.addComponentColumn(s -> {
            Button run = new Button("Run now", click -> runNow(s.path("name").asText()));
            run.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
            run.addClassName("pipeline-run");
            run.setAriaLabel("Run source " + s.path("name").asText() + " now");
            return run;
        }).setAutoWidth(true).setFlexGrow(0);
        progress.setId("run-progress");
        progress.setVisible(false);
        progress.getElement().setAttribute("aria-label", "Progress of the run");
        progressText.setId("run-progress-text");
        progressText.getElement().setAttribute("aria-live", "polite");
        batches.setId("pipeline-batches");
        batches.setPadding(false);
        HorizontalLayout picker = new HorizontalLayout(product, open);
        picker.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(new H2("Pipeline"), picker, status, new H3("Sources"), sources, progress, progressText,
                new H3("Spec"), spec, save, specProblems, new H3("Recent batches"), batches, new H3("Quarantined rows"), quarantine);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        productId = event.getLocation().getQueryParameters().getSingleParameter("product").orElse("");
        product.setValue(productId);
        load();
    }

    void load() {
        if (productId.isBlank()) {
            status.setText("Name a product you own to see its pipeline.");
            sources.setVisible(false);
            return;
        }
        try {
            ports = new ArrayList<>();
            pipelines.product(productId).path("outputPorts").forEach(p -> ports.add(p.path("name").asText()));
        } catch (NodeException failure) {
            status.setText(failure.status() == 404 ? "No data product " + productId + "." : "Could not load " + productId + ".");
            Problems.show(failure);
            return;
        }
        try {
            JsonNode pipeline = pipelines.pipeline(productId);
            List<JsonNode> list = new ArrayList<>();
            pipeline.path("sources").forEach(list::add);
            sources.setItems(list);
            sources.setVisible(!list.isEmpty());
            spec.setValue(toYaml(pipeline));
            status.setText(list.size() + " source(s)" + (pipeline.has("updatedBy")
                    ? " — last changed by " + pipeline.path("updatedBy").asText() + " at " + pipeline.path("updatedAt").asText() : ""));
        } catch (NodeException failure) {
            sources.setVisible(false);
            if (failure.status() == 404) {
                status.setText("No pipeline yet: describe its sources below and save; or push batches to the ports' batch endpoint.");
                if (spec.getValue().isBlank()) {
                    spec.setValue("sources:\n  - name: nightly-export\n    port: " + (ports.isEmpty() ? "my-port" : ports.get(0))
                            + "\n    format: csv\n    url: https://example.com/export.csv\n    schedule: \"0 2 * * *\"\n");
                }
            } else {
                status.setText("Could not load the pipeline: " + failure.getMessage());
            }
        }
        showBatches();
    }

    private static String toYaml(JsonNode pipeline) {
        Map<String, Object> spec = new java.util.LinkedHashMap<>();
        List<Object> list = new ArrayList<>();
        pipeline.path("sources").forEach(s -> list.add(new com.fasterxml.jackson.databind.ObjectMapper().convertValue(s, Map.class)));
        spec.put("sources", list);
        var options = new org.yaml.snakeyaml.DumperOptions();
        options.setDefaultFlowStyle(org.yaml.snakeyaml.DumperOptions.FlowStyle.BLOCK);
        return new org.yaml.snakeyaml.Yaml(options).dump(spec);
    }

    void save() {
        specProblems.removeAll();
        spec.setInvalid(false);
        YamlDocument document = YamlDocument.read(spec.getValue());
        try {
            pipelines.savePipeline(productId, spec.getValue());
            Problems.done("Pipeline saved");
            load();
        } catch (NodeException failure) {
            List<String> lines = new ArrayList<>();
            failure.errors().forEach(e -> lines.add(document.at(e.pointer(), e.reason()).text()));
            if (lines.isEmpty()) {
                lines.add(failure.getMessage());
            }
            lines.forEach(line -> {
                Div problem = new Div(new Span(line));
                problem.addClassName("pipeline-problem");
                problem.getStyle().set("color", "var(--lumo-error-text-color)");
                specProblems.add(problem);
            });
            spec.setErrorMessage(lines.size() == 1 ? lines.get(0) : lines.size() + " problems, listed below");
            spec.setInvalid(true);
        }
    }

    void runNow(String source) {
        RunProgress run;
        String token;
        try {
            token = pipelines.currentToken();
            run = RunProgress.fromJson(pipelines.runNow(productId, source)).named(source);
        } catch (NodeException failure) {
            Problems.show(failure);
            return;
        }
        showProgress(run);
        follow(run, token);
    }

    /** Follows the run from a background thread with the token taken now, pushing each change to the page. */
    private void follow(RunProgress run, String token) {
        stopFollowing();
        UI ui = getUI().orElse(null);
        if (ui == null || !run.running()) {
            return;
        }
        following = PROGRESS.scheduleWithFixedDelay(() -> {
            RunProgress now;
            Map<String, JsonNode> finished = new java.util.LinkedHashMap<>();
            try {
                now = RunProgress.fromJson(pipelines.run(token, productId, run.id()))
                        .named(run.source());
                if (!now.running()) {
                    // read here, with the token: the push below runs outside any HTTP request
                    for (String port : ports) {
                        finished.put(port, pipelines.batches(token, productId, port));
                    }
                }
            } catch (NodeException failure) {
                ui.access(() -> progressText.setText("Lost track of the run: " + failure.getMessage()));
                stopFollowing();
                return;
            }
            ui.access(() -> {
                showProgress(now);
                if (!now.running()) {
                    showBatches(finished::get);
                }
            });
            if (!now.running()) {
                stopFollowing();
            }
        }, 300, 500, TimeUnit.MILLISECONDS);
    }

    void showProgress(RunProgress run) {
        progress.setVisible(true);
        progress.setIndeterminate(false);
        progress.setValue(run.fraction());
        progressText.setText(run.text());
    }

    private void stopFollowing() {
        if (following != null) {
            following.cancel(false);
            following = null;
        }
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        stopFollowing();
        super.onDetach(detachEvent);
    }

    /** The batches, and the quarantined rows (read on this request thread, with the user's token). */
    void showBatches() {
        quarantine.show(ports, showBatches(port -> pipelines.batches(productId, port)));
    }

    /**
     * @param read a port's batches page (on a request thread from the node; after a push, read beforehand)
     * @return the batch reports shown, by port
     */
    Map<String, List<JsonNode>> showBatches(java.util.function.Function<String, JsonNode> read) {
        batches.removeAll();
        Map<String, List<JsonNode>> reports = new java.util.LinkedHashMap<>();
        for (String port : ports) {
            try {
                List<JsonNode> items = new ArrayList<>();
                read.apply(port).path("items").forEach(items::add);
                reports.put(port, items);
                batches.add(new Span("Port " + port));
                if (items.isEmpty()) {
                    batches.add(new Paragraph("No batches yet."));
                    continue;
                }
                Grid<JsonNode> grid = new Grid<>();
                grid.setId("batches-" + port);
                grid.addClassName("pipeline-batches");
                grid.setAllRowsVisible(true);
                grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
                grid.addColumn(b -> b.path("seq").asText()).setHeader("#").setAutoWidth(true);
                grid.addColumn(b -> b.path("status").asText()).setHeader("Status").setAutoWidth(true);
                grid.addColumn(b -> b.path("rowsValid").asText("0")).setHeader("Rows valid").setAutoWidth(true);
                grid.addColumn(b -> b.path("rowsQuarantined").asText("0")).setHeader("Quarantined").setAutoWidth(true);
                grid.addColumn(b -> b.path("committedAt").asText(b.path("startedAt").asText(""))).setHeader("At").setAutoWidth(true);
                grid.addColumn(b -> b.path("durationMs").asText("") + " ms").setHeader("Took").setAutoWidth(true);
                grid.addColumn(PipelineView::quarantine).setHeader("Quarantine reasons").setFlexGrow(3)
                        .setTooltipGenerator(PipelineView::quarantine);
                grid.setItems(items);
                batches.add(grid);
            } catch (NodeException failure) {
                batches.add(new Paragraph("Batches of " + port + ": " + failure.getMessage()));
            }
        }
        return reports;
    }

    static String quarantine(JsonNode batch) {
        List<String> reasons = new ArrayList<>();
        batch.path("quarantineReasons").forEach(r -> reasons.add(r.path("rows").asText() + " × " + r.path("reason").asText()));
        return String.join("; ", reasons);
    }
}
