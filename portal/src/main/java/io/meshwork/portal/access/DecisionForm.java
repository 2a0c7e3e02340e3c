package io.meshwork.portal.access;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.shared.Registration;
import io.meshwork.portal.node.NodeException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An owner's decision on one pending request: approve (optionally narrower columns, a row filter,
 * fewer days) or deny (a reason is required). Knows no service: it fires {@link ApproveEvent} or
 * {@link DenyEvent} with valid values, and shows the node's field errors with {@link #showProblem}.
 */
public class DecisionForm extends FormLayout {

    final MultiSelectComboBox<String> columns = new MultiSelectComboBox<>("Columns to grant");
    final TextField rowFilter = new TextField("Row filter");
    final IntegerField duration = new IntegerField("Duration (days)");
    final TextArea reason = new TextArea("Reason (to deny)");
    final Button approve = new Button("Approve");
    final Button deny = new Button("Deny");

    private final AccessRequestRecord request;
    private final Binder<Decision> binder = new Binder<>(Decision.class);
    private final Decision decision = new Decision();

    /**
     * @param portColumns the port's columns, offered when the request asked for all of them
     */
    public DecisionForm(AccessRequestRecord request, List<String> portColumns) {
        this.request = request;
        setId("decision-form");
        columns.setId("decision-columns");
        columns.setItems(request.columns().isEmpty() ? portColumns : request.columns());
        columns.setHelperText("None chosen: as requested (" + (request.columns().isEmpty() ? "all" : request.columns().size()) + ")");
        rowFilter.setId("decision-row-filter");
        rowFilter.setPlaceholder("e.g. channel in ('web') and amount_eur > 10");
        rowFilter.setHelperText("Blank: every row");
        duration.setId("decision-duration");
        duration.setHelperText("At most the " + request.durationDays() + " days requested");
        reason.setId("decision-reason");
        approve.setId("decision-approve");
        approve.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS);
        approve.addClickListener(click -> validateAndApprove());
        deny.setId("decision-deny");
        deny.addThemeVariants(ButtonVariant.LUMO_ERROR);
        deny.addClickListener(click -> validateAndDeny());

        binder.forField(columns).bind(Decision::getColumns, Decision::setColumns);
        binder.forField(rowFilter).bind(Decision::getRowFilter, Decision::setRowFilter);
        binder.forField(duration)
                .withValidator(days -> days == null || (days >= 1 && days <= request.durationDays()),
                        "Between 1 and the " + request.durationDays() + " days requested")
                .bind(Decision::getDurationDays, Decision::setDurationDays);
        binder.forField(reason).bind(Decision::getReason, Decision::setReason);
        binder.readBean(decision);

        add(columns, rowFilter, duration, reason, new HorizontalLayout(approve, deny));
        setColspan(reason, 2);
        setResponsiveSteps(new ResponsiveStep("0", 1), new ResponsiveStep("500px", 2));
    }

    public AccessRequestRecord request() {
        return request;
    }

    private void validateAndApprove() {
        reason.setInvalid(false);
        if (binder.writeBeanIfValid(decision)) {
            fireEvent(new ApproveEvent(this, new AccessClient.Approval(List.copyOf(decision.getColumns()),
                    decision.getRowFilter(), decision.getDurationDays())));
        }
    }

    private void validateAndDeny() {
        String text = reason.getValue() == null ? "" : reason.getValue().strip();
        reason.setErrorMessage(text.isEmpty() ? "Say why, for the requester" : null);
        reason.setInvalid(text.isEmpty());
        if (!text.isEmpty()) {
            fireEvent(new DenyEvent(this, text));
        }
    }

    /** Each invalid field the node named at its field; returns what no field shows. */
    public List<String> showProblem(NodeException problem) {
        List<String> elsewhere = new ArrayList<>();
        for (NodeException.FieldError error : problem.errors()) {
            String top = error.pointer().startsWith("/") ? error.pointer().substring(1).split("/", 2)[0] : "";
            HasValidation field = switch (top) {
                case "columns", "unmasked" -> columns;
                case "rowFilter" -> rowFilter;
                case "durationDays" -> duration;
                case "reason" -> reason;
                default -> null;
            };
            if (field == null) {
                elsewhere.add((error.pointer().isEmpty() ? "" : error.pointer() + ": ") + error.reason());
            } else {
                field.setErrorMessage(error.reason());
                field.setInvalid(true);
            }
        }
        if (problem.errors().isEmpty()) {
            elsewhere.add(problem.getMessage());
        }
        return elsewhere;
    }

    public Registration addApproveListener(ComponentEventListener<ApproveEvent> listener) {
        return addListener(ApproveEvent.class, listener);
    }

    public Registration addDenyListener(ComponentEventListener<DenyEvent> listener) {
        return addListener(DenyEvent.class, listener);
    }

    public static class ApproveEvent extends ComponentEvent<DecisionForm> {
        private final AccessClient.Approval approval;

        ApproveEvent(DecisionForm source, AccessClient.Approval approval) {
            super(source, false);
            this.approval = approval;
        }

        public AccessClient.Approval approval() {
            return approval;
        }
    }

    public static class DenyEvent extends ComponentEvent<DecisionForm> {
        private final String reason;

        DenyEvent(DecisionForm source, String reason) {
            super(source, false);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    /** The form's bean. */
    public static class Decision {
        private Set<String> columns = new LinkedHashSet<>();
        private String rowFilter = "";
        private Integer durationDays;
        private String reason = "";

        public Set<String> getColumns() {
            return columns;
        }

        public void setColumns(Set<String> columns) {
            this.columns = columns == null ? new LinkedHashSet<>() : new LinkedHashSet<>(columns);
        }

        public String getRowFilter() {
            return rowFilter;
        }

        public void setRowFilter(String rowFilter) {
            this.rowFilter = rowFilter;
        }

        public Integer getDurationDays() {
            return durationDays;
        }

        public void setDurationDays(Integer durationDays) {
            this.durationDays = durationDays;
        }

        public String getReason() {
            return reason;
        }

        public void setReason(String reason) {
            this.reason = reason;
        }
    }
}
