package io.meshwork.portal.register;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.receivers.MemoryBuffer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AccessDeniedErrorRouter;
import io.meshwork.portal.layout.MainLayout;
import io.meshwork.portal.layout.Problems;
import io.meshwork.portal.node.NodeException;
import jakarta.annotation.security.RolesAllowed;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Domain owners register a data product or contract without reading docs: paste or upload the
 * ODPS/ODCS YAML, or fill a small form that writes it. As it is typed (after a pause), the portal
 * checks what it can itself (parses, says what it is, has an id) and then asks the node for a dry
 * run — the full registration checks, nothing stored — whose every error shows at its place (a form
 * field, or a line of the YAML); a contract change that would break consumers shows with its diff
 * and the version to raise to, before anything is published.
 */
@Route(value = "register", layout = MainLayout.class)
@PageTitle("Register a data product | Meshwork")
@RolesAllowed({"domain-owner", "mesh-admin"})
@AccessDeniedErrorRouter
public class RegisterView extends VerticalLayout {

    static final int MAX_BYTES = 1024 * 1024;

    private final RegisterClient catalog;
    final Tabs source = new Tabs();
    final Tab yamlTab = new Tab("Paste or upload YAML");
    final Tab formTab = new Tab("Fill a form");
    final TextArea editor = new TextArea("Document (YAML)");
    final MemoryBuffer uploaded = new MemoryBuffer();
    final Upload upload = new Upload(uploaded);
    final ProductDraftForm form = new ProductDraftForm();
    final Span status = new Span();
    final Div problems = new Div();
    final Div breaking = new Div();
    final Div changes = new Div();
    final Button publish = new Button("Publish", VaadinIcon.UPLOAD.create());
    final Div result = new Div();
    private final VerticalLayout yamlPane = new VerticalLayout();

    public RegisterView(RegisterClient catalog) {
        this.catalog = catalog;
        setMaxWidth("1100px");
        configureSource();
        status.setId("register-status");
        status.getElement().setAttribute("aria-live", "polite");
        problems.setId("register-problems");
        breaking.setId("register-breaking");
        breaking.setVisible(false);
        changes.setId("register-changes");
        changes.setVisible(false);
        result.setId("register-result");
        result.setVisible(false);
        publish.setId("register-publish");
        publish.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        publish.addClickListener(click -> publish());
        add(new H2("Register a data product or contract"),
                new Paragraph("Start from your ODPS (data product) or ODCS (data contract) YAML, or fill the form for a"
                        + " product. Contracts first: a product's output ports name registered contracts."),
                source, yamlPane, form, new H3("Checks"), status, problems, breaking, changes,
                new HorizontalLayout(publish), result);
        try {
            form.setContracts(catalog.contractIds());
        } catch (NodeException failure) {
            Problems.show(failure);
        }
        check();
    }

    private void configureSource() {
        source.setId("register-source");
        yamlTab.setId("register-tab-yaml");
        formTab.setId("register-tab-form");
        source.add(yamlTab, formTab);
        source.addSelectedChangeListener(change -> showSource());
        editor.setId("yaml-editor");
        editor.setWidthFull();
        editor.setMinHeight("320px");
        editor.setMaxHeight("560px");
        editor.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)");
        editor.setValueChangeMode(ValueChangeMode.LAZY);
        editor.setValueChangeTimeout(500);
        editor.setPlaceholder("apiVersion: v1.0.0\nkind: DataProduct\nid: …");
        editor.addValueChangeListener(change -> check());
        upload.setId("yaml-upload");
        upload.setAcceptedFileTypes(".yaml", ".yml", "application/yaml", "text/yaml");
        upload.setMaxFileSize(MAX_BYTES);
        upload.setDropLabel(new Span("Drop a .yaml file here"));
        upload.addSucceededListener(done -> {
            try (InputStream in = uploaded.getInputStream()) {
                editor.setValue(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException unreadable) {
                Problems.show("Could not read " + done.getFileName(), List.of(), null);
            }
        });
        upload.addFileRejectedListener(rejected -> Problems.show(rejected.getErrorMessage(), List.of(), null));
        yamlPane.setPadding(false);
        yamlPane.add(upload, editor);
        form.setVisible(false);
        form.addChangeListener(change -> {
            if (form.isVisible()) {
                editor.setValue(form.yaml());
            }
        });
    }

    private void showSource() {
        boolean byForm = source.getSelectedTab() == formTab;
        form.setVisible(byForm);
        upload.setVisible(!byForm);
        editor.setReadOnly(byForm);
        editor.setLabel(byForm ? "The document the form writes (YAML)" : "Document (YAML)");
        if (byForm) {
            editor.setValue(form.yaml());
        }
    }

    /**
     * The checks made as the owner types: the portal's own first, then the node's dry run; publishing
     * is possible once they pass (or when the node cannot check before publishing).
     */
    void check() {
        YamlDocument document = YamlDocument.read(editor.getValue());
        List<YamlDocument.Problem> found = document.quickChecks();
        showProblems(editor.getValue().isBlank() ? List.of() : found);
        breaking.setVisible(false);
        changes.setVisible(false);
        result.setVisible(false);
        publish.setEnabled(false);
        if (!found.isEmpty()) {
            status.setText(editor.getValue().isBlank() ? "Nothing to check yet." : found.size() + " problem(s) to fix before publishing.");
            publish.setText("Publish");
            return;
        }
        YamlDocument.Kind kind = document.kind().orElseThrow();
        publish.setText("Publish " + (kind == YamlDocument.Kind.PRODUCT ? "product " : "contract ") + document.id());
        String what = "A " + kind.label() + " with id " + document.id()
                + (kind == YamlDocument.Kind.CONTRACT && !document.version().isEmpty() ? ", version " + document.version() : "");
        if (form.isVisible() && !form.isComplete()) {
            status.setText(what + " — fill in the required fields.");
            publish.setEnabled(true); // a click marks the fields still missing
            return;
        }
        askNode(document, kind, what);
    }

    /** The node's dry run: every error at its place, or what publishing would do and change. */
    private void askNode(YamlDocument document, YamlDocument.Kind kind, String what) {
        JsonNode answer;
        try {
            answer = catalog.dryRun(kind, document.id(), document.text());
        } catch (NodeException failure) {
            if (failure.status() == 0 || failure.status() == 404 || failure.status() >= 500) {
                // a node without dry runs, or not answering: the owner may still publish and get the node's answer then
                status.setText(what + " — the node could not check it now (" + failure.title() + "); publish to have it checked.");
                publish.setEnabled(true);
                return;
            }
            showNodeProblems(document, failure, "The node would refuse it");
            return;
        }
        String outcome = answer.path("outcome").asText();
        List<JsonNode> diff = new ArrayList<>();
        answer.path("changes").forEach(diff::add);
        if ("update".equals(outcome)) {
            showChanges(document, diff, answer.path("breaking").asBoolean(false));
        }
        status.setText(what + " — checked by the node: publishing would " + switch (outcome) {
            case "create" -> "register it.";
            case "update" -> "change it (" + diff.size() + " change(s), listed below).";
            case "unchanged" -> "change nothing: it is stored exactly like this.";
            default -> "store it.";
        });
        status.getElement().setAttribute("data-checked", outcome);
        publish.setEnabled(true);
    }

    private void showProblems(List<YamlDocument.Problem> found) {
        problems.removeAll();
        form.clearProblems();
        editor.setInvalid(false);
        List<String> inText = new ArrayList<>();
        for (YamlDocument.Problem problem : found) {
            HasValidation field = form.isVisible() ? form.fieldAt(problem.pointer()) : null;
            if (field != null) {
                field.setErrorMessage(problem.reason());
                field.setInvalid(true);
            }
            Div line = new Div(VaadinIcon.WARNING.create(), new Span(" " + problem.text()));
            line.addClassName("register-problem");
            line.getStyle().set("color", "var(--lumo-error-text-color)");
            problems.add(line);
            inText.add(problem.text());
        }
        if (!inText.isEmpty() && !form.isVisible() && !editor.getValue().isBlank()) {
            editor.setErrorMessage(inText.size() == 1 ? inText.get(0) : inText.size() + " problems, listed below");
            editor.setInvalid(true);
        }
    }

    void publish() {
        if (form.isVisible() && !form.validate()) {
            status.setText("Fill in the required fields first.");
            return;
        }
        YamlDocument document = YamlDocument.read(editor.getValue());
        if (!document.quickChecks().isEmpty()) {
            check();
            return;
        }
        YamlDocument.Kind kind = document.kind().orElseThrow();
        try {
            JsonNode stored = catalog.publish(kind, document.id(), document.text());
            showPublished(kind, stored.path("id").asText(document.id()), stored.path("name").asText(""));
        } catch (NodeException failure) {
            showRefusal(document, kind, failure);
        }
    }

    private void showPublished(YamlDocument.Kind kind, String id, String name) {
        problems.removeAll();
        breaking.setVisible(false);
        changes.setVisible(false);
        result.removeAll();
        Span done = new Span((kind == YamlDocument.Kind.PRODUCT ? "Published data product " : "Published data contract ")
                + (name.isBlank() ? id : name + " (" + id + ")"));
        done.setId("register-published");
        done.getElement().getThemeList().add("badge success");
        result.add(done);
        if (kind == YamlDocument.Kind.PRODUCT) {
            Anchor page = new Anchor("product/" + URLEncoder.encode(id, StandardCharsets.UTF_8), "Open its page");
            page.setId("register-open-product");
            result.add(new Paragraph(page));
        } else {
            result.add(new Paragraph("Now register or update the product whose output port names it."));
        }
        result.setVisible(true);
        status.setText("Stored by the node.");
        Problems.done(done.getText());
    }

    private void showRefusal(YamlDocument document, YamlDocument.Kind kind, NodeException failure) {
        showNodeProblems(document, failure, "Not published");
    }

    /** The node's problem, each error at its place; breaking changes with their diff. */
    private void showNodeProblems(YamlDocument document, NodeException failure, String headline) {
        status.getElement().removeAttribute("data-checked");
        List<YamlDocument.Problem> found = new ArrayList<>();
        for (NodeException.FieldError error : failure.errors()) {
            found.add(document.at(error.pointer(), error.reason()));
        }
        JsonNode breakingChanges = failure.problem().path("breakingChanges");
        if (failure.status() == 409 && breakingChanges.isArray() && !breakingChanges.isEmpty()) {
            showBreaking(document, breakingChanges, failure);
            status.setText(headline + ": the change would break consumers of " + document.id() + ".");
            showProblems(List.of());
            return;
        }
        if (found.isEmpty()) {
            found.add(new YamlDocument.Problem(0, "", failure.getMessage()
                    + (failure.traceId() == null ? "" : " (trace id " + failure.traceId() + ")")));
        }
        showProblems(found);
        status.setText(headline + ": " + failure.title() + (failure.errors().isEmpty() ? "" : " — "
                + found.size() + " problem(s), each at its place."));
    }

    /** The diff of an accepted update; breaking changes (allowed by a new major version) marked and warned about. */
    private void showChanges(YamlDocument document, List<JsonNode> diff, boolean anyBreaking) {
        changes.removeAll();
        Span title = new Span(anyBreaking ? "Breaking changes — allowed as version " + document.version()
                + ", but consumers of the previous major version must move" : "What publishing would change");
        title.getElement().getThemeList().add(anyBreaking ? "badge error" : "badge contrast");
        changes.add(title);
        for (JsonNode change : diff) {
            boolean isBreaking = change.path("breaking").asBoolean(false);
            Div line = new Div((isBreaking ? VaadinIcon.MINUS_CIRCLE : VaadinIcon.EDIT).create(),
                    new Span(" " + (change.path("element").asText().isEmpty() ? "" : change.path("element").asText() + ": ")
                            + change.path("description").asText() + (isBreaking ? " (breaking)" : "")));
            line.addClassName(isBreaking ? "breaking-change" : "change");
            changes.add(line);
        }
        changes.setVisible(true);
    }

    private void showBreaking(YamlDocument document, JsonNode changes, NodeException failure) {
        breaking.removeAll();
        Span title = new Span("Breaking changes — consumers of " + document.id() + " would fail");
        title.getElement().getThemeList().add("badge error");
        breaking.add(title, new Paragraph(failure.detail() == null ? failure.title() : failure.detail()));
        for (JsonNode change : changes) {
            Div line = new Div(VaadinIcon.MINUS_CIRCLE.create(),
                    new Span(" " + change.path("element").asText() + ": " + change.path("description").asText()));
            line.addClassName("breaking-change");
            breaking.add(line);
        }
        breaking.add(new Paragraph("Raise the major version (e.g. 2.0.0) to publish it as a new version; consumers"
                + " keep the old one until they move."));
        breaking.setVisible(true);
    }
}
