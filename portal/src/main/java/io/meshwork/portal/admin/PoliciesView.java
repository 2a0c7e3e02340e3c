package io.meshwork.portal.admin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AccessDeniedErrorRouter;
import io.meshwork.portal.layout.FieldProblems;
import io.meshwork.portal.layout.MainLayout;
import io.meshwork.portal.layout.Problems;
import io.meshwork.portal.node.NodeException;
import jakarta.annotation.security.RolesAllowed;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Global policies (mesh admins) and domain policies (their owners): the list in words, a form for the
 * four kinds, delete with confirmation. A new policy applies to existing grants at once.
 */
@Route(value = "admin/policies", layout = MainLayout.class)
@PageTitle("Policies | Meshwork")
@RolesAllowed({Roles.MESH_ADMIN, Roles.DOMAIN_OWNER})
@AccessDeniedErrorRouter
public class PoliciesView extends VerticalLayout {

    static final List<String> KINDS = List.of("maxDuration", "purposeForClassification", "requireStatus", "neverUnmaskForProvider");
    static final List<String> STATUSES = List.of("proposed", "draft", "active", "deprecated", "retired");

    private final AdminClient admin;
    final Grid<Policy> grid = new Grid<>(Policy.class, false);
    final Span status = new Span();
    final TextField id = new TextField("Id");
    final TextField domain = new TextField("Domain");
    final Select<String> kind = new Select<>();
    final IntegerField maxDays = new IntegerField("At most (days)");
    final TextField classification = new TextField("Classification");
    final MultiSelectComboBox<String> purposes = new MultiSelectComboBox<>("Allowed purposes");
    final MultiSelectComboBox<String> statuses = new MultiSelectComboBox<>("Product statuses allowed");
    final TextField identityProvider = new TextField("Identity provider alias");
    final Button save = new Button("Save policy");
    final DeleteConfirmation<Policy> confirm;

    public PoliciesView(AdminClient admin) {
        this.admin = admin;
        setSizeFull();
        status.setId("policies-status");
        grid.setId("policies-grid");
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(Policy::id).setHeader("Id").setAutoWidth(true);
        grid.addColumn(p -> p.global() ? "whole mesh" : "domain " + p.domain()).setHeader("Scope").setAutoWidth(true);
        grid.addColumn(Policy::kind).setHeader("Kind").setAutoWidth(true);
        grid.addColumn(Policy::description).setHeader("Rule").setFlexGrow(3).setTooltipGenerator(Policy::description);
        grid.addComponentColumn(policy -> {
            Button delete = new Button("Delete", click -> confirmDelete(policy));
            delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            delete.setAriaLabel("Delete policy " + policy.id());
            return delete;
        }).setAutoWidth(true).setFlexGrow(0);

        id.setId("policy-id");
        id.setHelperText("e.g. at-most-90-days");
        domain.setId("policy-domain");
        domain.setHelperText("Blank: the whole mesh (mesh admins)");
        kind.setLabel("Kind");
        kind.setId("policy-kind");
        kind.setItems(KINDS);
        kind.setItemLabelGenerator(k -> switch (k) {
            case "maxDuration" -> "Grants last at most …";
            case "purposeForClassification" -> "Classified columns only for purposes …";
            case "requireStatus" -> "Only products in status …";
            default -> "Never unmask for users of a provider";
        });
        kind.addValueChangeListener(change -> showFieldsOf(change.getValue()));
        maxDays.setId("policy-max-days");
        maxDays.setMin(1);
        classification.setId("policy-classification");
        classification.setPlaceholder("pii");
        purposes.setId("policy-purposes");
        purposes.setItems(io.meshwork.portal.access.Purpose.DEFAULTS);
        statuses.setId("policy-statuses");
        statuses.setItems(STATUSES);
        identityProvider.setId("policy-identity-provider");
        save.setId("policy-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(click -> save());
        confirm = new DeleteConfirmation<>(policy -> admin.deletePolicy(policy.id()), policy -> "Policy " + policy.id() + " deleted",
                this::refresh);
        kind.setValue("maxDuration");
        FormLayout form = new FormLayout(id, domain, kind, maxDays, classification, purposes, statuses, identityProvider, save);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("600px", 2));
        add(new H2("Policies"), status, grid, new H3("Add or replace a policy"), form);
        refresh();
    }

    private void showFieldsOf(String k) {
        maxDays.setVisible("maxDuration".equals(k));
        classification.setVisible(!"requireStatus".equals(k));
        classification.setHelperText("maxDuration".equals(k) ? "Optional: only grants with columns of this classification" : null);
        purposes.setVisible("purposeForClassification".equals(k));
        statuses.setVisible("requireStatus".equals(k));
        identityProvider.setVisible("neverUnmaskForProvider".equals(k));
    }

    /** The node's policy body for the kind chosen. */
    ObjectNode body() {
        ObjectNode policy = JsonNodeFactory.instance.objectNode();
        if (!domain.getValue().isBlank()) {
            policy.put("domain", domain.getValue().strip());
        }
        policy.put("kind", kind.getValue());
        switch (kind.getValue()) {
            case "maxDuration" -> {
                if (maxDays.getValue() != null) {
                    policy.put("maxDays", maxDays.getValue());
                }
                if (!classification.getValue().isBlank()) {
                    policy.put("classification", classification.getValue().strip());
                }
            }
            case "purposeForClassification" -> {
                policy.put("classification", classification.getValue().strip());
                purposes.getValue().forEach(policy.putArray("purposes")::add);
            }
            case "requireStatus" -> statuses.getValue().forEach(policy.putArray("statuses")::add);
            default -> {
                policy.put("identityProvider", identityProvider.getValue().strip());
                policy.put("classification", classification.getValue().strip());
            }
        }
        return policy;
    }

    void save() {
        Map<String, HasValidation> fields = new LinkedHashMap<>();
        fields.put("id", id);
        fields.put("domain", domain);
        fields.put("kind", kind);
        fields.put("maxDays", maxDays);
        fields.put("classification", classification);
        fields.put("purposes", purposes);
        fields.put("statuses", statuses);
        fields.put("identityProvider", identityProvider);
        FieldProblems.clear(fields.values());
        if (id.getValue().isBlank()) {
            id.setErrorMessage("Required: the policy's name, to change or delete it later");
            id.setInvalid(true);
            return;
        }
        try {
            Policy saved = admin.putPolicy(id.getValue().strip(), body());
            Problems.done("Policy " + saved.id() + " saved: " + saved.description());
            refresh();
        } catch (NodeException failure) {
            List<String> elsewhere = FieldProblems.show(failure, fields);
            if (!elsewhere.isEmpty()) {
                Problems.show(failure.title(), elsewhere, failure.traceId());
            }
        }
    }

    void confirmDelete(Policy policy) {
        confirm.ask(policy, "Delete policy " + policy.id() + "?", policy.description());
    }

    void refresh() {
        try {
            List<Policy> policies = admin.policies();
            grid.setItems(policies);
            grid.setVisible(!policies.isEmpty());
            status.setText(policies.isEmpty() ? "No policies: only the domain owners' decisions limit access."
                    : policies.size() + " polic" + (policies.size() == 1 ? "y" : "ies"));
        } catch (NodeException failure) {
            grid.setVisible(false);
            status.setText("Could not load the policies.");
            Problems.show(failure);
        }
    }
}
