package io.meshwork.portal.register;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.validator.RegexpValidator;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.shared.Registration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A data product in a few fields, for owners who would rather not write ODPS: it writes the YAML
 * document ({@link #yaml()}) the wizard publishes, and fires {@link ChangeEvent} as it is filled in.
 * The node's errors come back by JSON pointer to the fields they name ({@link #fieldAt}).
 */
public class ProductDraftForm extends FormLayout {

    static final List<String> STATUSES = List.of("proposed", "draft", "active");

    final TextField id = new TextField("Id");
    final TextField name = new TextField("Name");
    final TextField domain = new TextField("Domain");
    final Select<String> status = new Select<>();
    final TextArea purpose = new TextArea("Purpose");
    final TextField team = new TextField("Team");
    final TextField port = new TextField("Output port name");
    final ComboBox<String> contract = new ComboBox<>("Output port's contract");
    final TextField tags = new TextField("Tags");

    private final Binder<Draft> binder = new Binder<>(Draft.class);
    private final Draft draft = new Draft();

    public ProductDraftForm() {
        setId("product-form");
        id.setId("form-id");
        id.setHelperText("e.g. order-returns");
        name.setId("form-name");
        domain.setId("form-domain");
        status.setLabel("Status");
        status.setId("form-status");
        status.setItems(STATUSES);
        purpose.setId("form-purpose");
        team.setId("form-team");
        port.setId("form-port");
        port.setHelperText("e.g. returns");
        contract.setId("form-contract");
        contract.setItems(List.of());
        contract.setAllowCustomValue(true);
        contract.addCustomValueSetListener(custom -> contract.setValue(custom.getDetail()));
        contract.setHelperText("A registered contract of the port's data");
        tags.setId("form-tags");
        tags.setHelperText("Separated by commas");
        for (TextField field : List.of(id, name, domain, team, port, tags)) {
            field.setValueChangeMode(ValueChangeMode.LAZY);
        }
        purpose.setValueChangeMode(ValueChangeMode.LAZY);

        binder.forField(id).asRequired("Required")
                .withValidator(new RegexpValidator("Lower-case letters, digits and -", "[a-z0-9][a-z0-9-]{0,62}"))
                .bind(Draft::getId, Draft::setId);
        binder.forField(name).asRequired("Required").bind(Draft::getName, Draft::setName);
        binder.forField(domain).asRequired("Required: the domain that owns it").bind(Draft::getDomain, Draft::setDomain);
        binder.forField(status).bind(Draft::getStatus, Draft::setStatus);
        binder.forField(purpose).bind(Draft::getPurpose, Draft::setPurpose);
        binder.forField(team).bind(Draft::getTeam, Draft::setTeam);
        binder.forField(port).bind(Draft::getPort, Draft::setPort);
        binder.forField(contract).withNullRepresentation("").bind(Draft::getContract, Draft::setContract);
        binder.forField(tags).bind(Draft::getTags, Draft::setTags);
        binder.setBean(draft);
        status.setValue("proposed");
        binder.addValueChangeListener(change -> fireEvent(new ChangeEvent(this)));

        add(id, name, domain, status, purpose, team, port, contract, tags);
        setColspan(purpose, 2);
        setResponsiveSteps(new ResponsiveStep("0", 1), new ResponsiveStep("600px", 2));
    }

    public void setContracts(List<String> contractIds) {
        contract.setItems(contractIds);
    }

    public void setDomain(String value) {
        domain.setValue(value == null ? "" : value);
    }

    public boolean validate() {
        return binder.validate().isOk();
    }

    /** Whether the required fields are filled in (without marking the empty ones yet). */
    public boolean isComplete() {
        return binder.isValid();
    }

    /** The ODPS v1 document the fields describe. */
    public String yaml() {
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("apiVersion", "v1.0.0");
        product.put("kind", "DataProduct");
        product.put("id", draft.getId().strip());
        product.put("name", draft.getName().strip());
        product.put("status", draft.getStatus());
        product.put("domain", draft.getDomain().strip());
        if (!draft.getPurpose().isBlank()) {
            product.put("description", Map.of("purpose", draft.getPurpose().strip()));
        }
        List<String> tagList = new ArrayList<>();
        for (String tag : draft.getTags().split(",")) {
            if (!tag.isBlank()) {
                tagList.add(tag.strip());
            }
        }
        if (!tagList.isEmpty()) {
            product.put("tags", tagList);
        }
        if (!draft.getTeam().isBlank()) {
            product.put("team", Map.of("name", draft.getTeam().strip()));
        }
        if (!draft.getPort().isBlank()) {
            Map<String, Object> output = new LinkedHashMap<>();
            output.put("name", draft.getPort().strip());
            output.put("version", "1.0.0");
            if (draft.getContract() != null && !draft.getContract().isBlank()) {
                output.put("contractId", draft.getContract().strip());
            }
            product.put("outputPorts", List.of(output));
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        return new Yaml(options).dump(product);
    }

    /** The field a node error's pointer names, if the form has it. */
    public HasValidation fieldAt(String pointer) {
        if (pointer.startsWith("/outputPorts/0/contractId")) {
            return contract;
        }
        if (pointer.startsWith("/outputPorts")) {
            return port;
        }
        return switch (pointer.startsWith("/") ? pointer.substring(1).split("/")[0] : "") {
            case "id" -> id;
            case "name" -> name;
            case "domain" -> domain;
            case "status" -> status;
            case "description" -> purpose;
            case "team" -> team;
            case "tags" -> tags;
            default -> null;
        };
    }

    public void clearProblems() {
        for (HasValidation field : List.<HasValidation>of(id, name, domain, status, purpose, team, port, contract, tags)) {
            field.setInvalid(false);
        }
        binder.validate();
    }

    public Registration addChangeListener(ComponentEventListener<ChangeEvent> listener) {
        return addListener(ChangeEvent.class, listener);
    }

    public static class ChangeEvent extends ComponentEvent<ProductDraftForm> {
        ChangeEvent(ProductDraftForm source) {
            super(source, false);
        }
    }

    /** The form's bean. */
    public static class Draft {
        private String id = "";
        private String name = "";
        private String domain = "";
        private String status = "proposed";
        private String purpose = "";
        private String team = "";
        private String port = "";
        private String contract = "";
        private String tags = "";

        public String getId() { return id; }
        public void setId(String id) { this.id = id == null ? "" : id; }
        public String getName() { return name; }
        public void setName(String name) { this.name = name == null ? "" : name; }
        public String getDomain() { return domain; }
        public void setDomain(String domain) { this.domain = domain == null ? "" : domain; }
        public String getStatus() { return status; }
        public void setStatus(String status) { this.status = status == null ? "proposed" : status; }
        public String getPurpose() { return purpose; }
        public void setPurpose(String purpose) { this.purpose = purpose == null ? "" : purpose; }
        public String getTeam() { return team; }
        public void setTeam(String team) { this.team = team == null ? "" : team; }
        public String getPort() { return port; }
        public void setPort(String port) { this.port = port == null ? "" : port; }
        public String getContract() { return contract; }
        public void setContract(String contract) { this.contract = contract == null ? "" : contract; }
        public String getTags() { return tags; }
        public void setTags(String tags) { this.tags = tags == null ? "" : tags; }
    }
}
