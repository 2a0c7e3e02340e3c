package io.meshwork.portal.access;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.shared.Registration;
import io.meshwork.portal.node.NodeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The "request access" form: port, purpose, duration, columns (none chosen: all), justification.
 * Knows no service: it validates with its binder and hands a valid {@link RequestDraft} to its view
 * in a {@link SubmitEvent}; the view sends it and shows the node's field errors with {@link #showProblem}.
 */
public class RequestAccessForm extends FormLayout {

    static final int MAX_DAYS = 365;

    final Select<String> port = new Select<>();
    final Select<String> purpose = new Select<>();
    final IntegerField duration = new IntegerField("Duration (days)");
    final MultiSelectComboBox<String> columns = new MultiSelectComboBox<>("Columns");
    final TextArea justification = new TextArea("Justification");
    final Button submit = new Button("Request access");

    private final Binder<RequestDraft> binder = new Binder<>(RequestDraft.class);
    private Map<String, OutputPort> ports = Map.of();
    private RequestDraft draft = new RequestDraft();

    public RequestAccessForm() {
        setId("request-form");
        configureFields();
        bindFields();
        submit.setId("request-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.addClickListener(click -> validateAndSubmit());
        add(port, purpose, duration, columns, justification, submit);
        setColspan(justification, 2);
        setResponsiveSteps(new ResponsiveStep("0", 1), new ResponsiveStep("600px", 2));
        binder.readBean(draft);
    }

    private void configureFields() {
        port.setLabel("Output port");
        port.setId("request-port");
        port.addValueChangeListener(change -> showColumnsOf(change.getValue()));
        purpose.setLabel("Purpose");
        purpose.setId("request-purpose");
        purpose.setItems(Purpose.DEFAULTS);
        purpose.setPlaceholder("What the data is for");
        duration.setId("request-duration");
        // the range is the binder's to check, so that its message (not the field's empty one) shows
        duration.setStepButtonsVisible(true);
        duration.setHelperText("1 to " + MAX_DAYS);
        columns.setId("request-columns");
        columns.setHelperText("None chosen: every column of the port");
        justification.setId("request-justification");
        justification.setPlaceholder("Who needs it, and why this purpose");
        justification.setMaxLength(2000);
    }

    private void bindFields() {
        binder.forField(port).asRequired("Choose a port").bind(RequestDraft::getPort, RequestDraft::setPort);
        binder.forField(purpose).asRequired("Choose a purpose").bind(RequestDraft::getPurpose, RequestDraft::setPurpose);
        binder.forField(duration).asRequired("How many days?")
                .withValidator(days -> days >= 1 && days <= MAX_DAYS, "Between 1 and " + MAX_DAYS + " days")
                .bind(RequestDraft::getDurationDays, RequestDraft::setDurationDays);
        binder.forField(columns).bind(RequestDraft::getColumns, RequestDraft::setColumns);
        binder.forField(justification).bind(RequestDraft::getJustification, RequestDraft::setJustification);
    }

    /** The purpose vocabulary of the mesh (the node's setting). */
    public void setPurposes(List<String> purposes) {
        purpose.setItems(purposes);
    }

    /** The ports to choose from; the first is chosen. */
    public void setPorts(List<OutputPort> outputPorts) {
        ports = new java.util.LinkedHashMap<>();
        outputPorts.forEach(p -> ports.put(p.name(), p));
        port.setItems(ports.keySet());
        draft = new RequestDraft();
        draft.setPort(outputPorts.isEmpty() ? null : outputPorts.get(0).name());
        binder.readBean(draft);
        showColumnsOf(draft.getPort());
    }

    private void showColumnsOf(String portName) {
        OutputPort chosen = portName == null ? null : ports.get(portName);
        List<OutputPort.ContractColumn> contractColumns = chosen == null ? List.of() : chosen.columns();
        Map<String, String> labels = new java.util.HashMap<>();
        contractColumns.forEach(c -> labels.put(c.name(), c.label()));
        columns.clear();
        columns.setItems(contractColumns.stream().map(OutputPort.ContractColumn::name).toList());
        columns.setItemLabelGenerator(name -> labels.getOrDefault(name, name));
    }

    private void validateAndSubmit() {
        clearProblem();
        if (binder.writeBeanIfValid(draft)) {
            fireEvent(new SubmitEvent(this, draft));
        }
    }

    /**
     * Shows each invalid field the node named at its field; returns the problems no field shows
     * (for a notification).
     */
    public List<String> showProblem(NodeException problem) {
        List<String> elsewhere = new ArrayList<>();
        for (NodeException.FieldError error : problem.errors()) {
            Optional<HasValidation> field = fieldAt(error.pointer());
            if (field.isPresent()) {
                field.get().setErrorMessage(error.reason());
                field.get().setInvalid(true);
            } else {
                elsewhere.add((error.pointer().isEmpty() ? "" : error.pointer() + ": ") + error.reason());
            }
        }
        if (problem.errors().isEmpty()) {
            elsewhere.add(problem.getMessage());
        }
        return elsewhere;
    }

    private Optional<HasValidation> fieldAt(String pointer) {
        String top = pointer.startsWith("/") ? pointer.substring(1).split("/", 2)[0] : "";
        return Optional.ofNullable(switch (top) {
            case "port" -> port;
            case "purpose" -> purpose;
            case "durationDays" -> duration;
            case "columns" -> columns;
            case "justification" -> justification;
            default -> null;
        });
    }

    private void clearProblem() {
        for (HasValidation field : List.<HasValidation>of(port, purpose, duration, columns, justification)) {
            field.setInvalid(false);
        }
    }

    public Registration addSubmitListener(ComponentEventListener<SubmitEvent> listener) {
        return addListener(SubmitEvent.class, listener);
    }

    /** A valid draft, ready to send. */
    public static class SubmitEvent extends ComponentEvent<RequestAccessForm> {

        private final RequestDraft draft;

        SubmitEvent(RequestAccessForm source, RequestDraft draft) {
            super(source, false);
            this.draft = draft;
        }

        public RequestDraft draft() {
            return draft;
        }
    }
}
