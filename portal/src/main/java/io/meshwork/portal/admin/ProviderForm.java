package io.meshwork.portal.admin;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.validator.RegexpValidator;
import com.vaadin.flow.shared.Registration;
import io.meshwork.portal.layout.FieldProblems;
import io.meshwork.portal.node.NodeException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Federating a new identity provider: OIDC (discovery URL, client id and secret, scopes) or SAML 2.0
 * (metadata URL or the metadata XML). Checks what it can itself with its binder; the node checks the
 * rest (it fetches the discovery document or metadata) and {@link #showProblem} puts its errors at
 * their fields. Knows no service: a valid form fires {@link SaveEvent} with the node's request body.
 */
public class ProviderForm extends FormLayout {

    static final String ALIAS_PATTERN = "^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$";

    final RadioButtonGroup<String> type = new RadioButtonGroup<>("Protocol");
    final TextField alias = new TextField("Alias");
    final TextField displayName = new TextField("Button label");
    final TextField discoveryUrl = new TextField("Discovery URL");
    final TextField clientId = new TextField("Client id");
    final PasswordField clientSecret = new PasswordField("Client secret");
    final TextField scopes = new TextField("Scopes");
    final TextField metadataUrl = new TextField("Metadata URL");
    final TextArea metadata = new TextArea("Metadata XML");
    final Checkbox enabled = new Checkbox("Enabled: show it on the sign-in page", true);
    final Button save = new Button("Add provider");

    private final Binder<Draft> binder = new Binder<>(Draft.class);
    private final Draft draft = new Draft();

    public ProviderForm() {
        setId("provider-form");
        type.setItems("oidc", "saml");
        type.setItemLabelGenerator(t -> "oidc".equals(t) ? "OpenID Connect" : "SAML 2.0");
        type.setId("provider-type");
        type.addValueChangeListener(change -> showFieldsOf(change.getValue()));
        alias.setId("provider-alias");
        alias.setHelperText("1–40 of a-z, 0-9 and -, e.g. company-sso");
        displayName.setId("provider-display-name");
        discoveryUrl.setId("provider-discovery-url");
        discoveryUrl.setPlaceholder("https://sso.example.com/.well-known/openid-configuration");
        discoveryUrl.setHelperText("The node fetches and checks it");
        clientId.setId("provider-client-id");
        clientId.setHelperText("The client Meshwork has at the provider");
        clientSecret.setId("provider-client-secret");
        clientSecret.setHelperText("Write-only: never shown again");
        scopes.setId("provider-scopes");
        scopes.setHelperText("Separated by spaces; must include openid");
        metadataUrl.setId("provider-metadata-url");
        metadataUrl.setHelperText("Or paste the metadata XML below");
        metadata.setId("provider-metadata");
        enabled.setId("provider-enabled");
        save.setId("provider-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(click -> validateAndSave());

        bind();
        binder.readBean(draft);
        add(type, alias, displayName, discoveryUrl, clientId, clientSecret, scopes, metadataUrl, metadata, enabled, save);
        setColspan(type, 2);
        setColspan(metadata, 2);
        setResponsiveSteps(new ResponsiveStep("0", 1), new ResponsiveStep("560px", 2));
        type.setValue("oidc");
    }

    private void bind() {
        binder.forField(type).bind(Draft::getType, Draft::setType);
        binder.forField(alias).asRequired("Required: the provider's short name in URLs")
                .withValidator(new RegexpValidator("1–40 of a-z, 0-9 and -, starting and ending with a letter or digit",
                        ALIAS_PATTERN))
                .bind(Draft::getAlias, Draft::setAlias);
        binder.forField(displayName)
                .withValidator(name -> name == null || name.length() <= 100, "At most 100 characters")
                .bind(Draft::getDisplayName, Draft::setDisplayName);
        binder.forField(discoveryUrl)
                .withValidator(url -> !oidc() || isHttpUrl(url), "Required: an absolute http(s) URL")
                .bind(Draft::getDiscoveryUrl, Draft::setDiscoveryUrl);
        binder.forField(clientId).withValidator(id -> !oidc() || !blank(id), "Required for OpenID Connect")
                .bind(Draft::getClientId, Draft::setClientId);
        binder.forField(clientSecret).withValidator(secret -> !oidc() || !blank(secret), "Required for OpenID Connect")
                .bind(Draft::getClientSecret, Draft::setClientSecret);
        binder.forField(scopes)
                .withValidator(s -> !oidc() || blank(s) || Arrays.asList(s.trim().split("\\s+")).contains("openid"),
                        "Must include openid")
                .bind(Draft::getScopes, Draft::setScopes);
        binder.forField(metadataUrl)
                .withValidator(url -> oidc() || blank(url) || isHttpUrl(url), "An absolute http(s) URL")
                .withValidator(url -> oidc() || blank(url) != blank(metadata.getValue()),
                        "Give either the metadata URL or the metadata XML")
                .bind(Draft::getMetadataUrl, Draft::setMetadataUrl);
        binder.forField(metadata).bind(Draft::getMetadata, Draft::setMetadata);
        binder.forField(enabled).bind(Draft::isEnabled, Draft::setEnabled);
    }

    private boolean oidc() {
        return !"saml".equals(type.getValue());
    }

    private void showFieldsOf(String protocol) {
        boolean isOidc = !"saml".equals(protocol);
        discoveryUrl.setVisible(isOidc);
        clientId.setVisible(isOidc);
        clientSecret.setVisible(isOidc);
        scopes.setVisible(isOidc);
        metadataUrl.setVisible(!isOidc);
        metadata.setVisible(!isOidc);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    static boolean isHttpUrl(String text) {
        if (blank(text)) {
            return false;
        }
        try {
            var uri = java.net.URI.create(text.strip());
            return uri.isAbsolute() && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException notAUri) {
            return false;
        }
    }

    void validateAndSave() {
        FieldProblems.clear(fields().values());
        if (binder.writeBeanIfValid(draft)) {
            fireEvent(new SaveEvent(this, draft.request()));
        }
    }

    /** The node's errors at their fields; returns what no field shows. */
    public List<String> showProblem(NodeException problem) {
        if (problem.errors().isEmpty() && (problem.status() == 422 || problem.status() == 409)) {
            // 422: the discovery document or metadata could not be read; 409: the alias is taken
            HasValidation field = problem.status() == 409 ? alias : oidc() ? discoveryUrl
                    : blank(metadataUrl.getValue()) ? metadata : metadataUrl;
            field.setErrorMessage(problem.detail() == null ? problem.title() : problem.detail());
            field.setInvalid(true);
            return List.of();
        }
        return FieldProblems.show(problem, fields());
    }

    private Map<String, HasValidation> fields() {
        Map<String, HasValidation> fields = new LinkedHashMap<>();
        fields.put("alias", alias);
        fields.put("displayName", displayName);
        fields.put("discoveryUrl", discoveryUrl);
        fields.put("authorizationUrl", discoveryUrl);
        fields.put("clientId", clientId);
        fields.put("clientSecret", clientSecret);
        fields.put("scopes", scopes);
        fields.put("metadataUrl", metadataUrl);
        fields.put("metadata", metadata);
        return fields;
    }

    public Registration addSaveListener(ComponentEventListener<SaveEvent> listener) {
        return addListener(SaveEvent.class, listener);
    }

    public static class SaveEvent extends ComponentEvent<ProviderForm> {
        private final Map<String, Object> request;

        SaveEvent(ProviderForm source, Map<String, Object> request) {
            super(source, false);
            this.request = request;
        }

        /** The body of POST /api/v1/identity/providers. */
        public Map<String, Object> request() {
            return request;
        }
    }

    /** The form's bean. */
    public static class Draft {
        private String type = "oidc";
        private String alias = "";
        private String displayName = "";
        private String discoveryUrl = "";
        private String clientId = "";
        private String clientSecret = "";
        private String scopes = "";
        private String metadataUrl = "";
        private String metadata = "";
        private boolean enabled = true;

        Map<String, Object> request() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", type);
            body.put("alias", alias.strip());
            if (!blank(displayName)) {
                body.put("displayName", displayName.strip());
            }
            if ("saml".equals(type)) {
                if (!blank(metadataUrl)) {
                    body.put("metadataUrl", metadataUrl.strip());
                } else {
                    body.put("metadata", metadata.strip());
                }
            } else {
                body.put("discoveryUrl", discoveryUrl.strip());
                body.put("clientId", clientId.strip());
                body.put("clientSecret", clientSecret);
                if (!blank(scopes)) {
                    body.put("scopes", List.of(scopes.trim().split("\\s+")));
                }
            }
            body.put("enabled", enabled);
            return body;
        }

        public String getType() { return type; }
        public void setType(String type) { this.type = type == null ? "oidc" : type; }
        public String getAlias() { return alias; }
        public void setAlias(String alias) { this.alias = alias == null ? "" : alias; }
        public String getDisplayName() { return displayName; }
        public void setDisplayName(String displayName) { this.displayName = displayName == null ? "" : displayName; }
        public String getDiscoveryUrl() { return discoveryUrl; }
        public void setDiscoveryUrl(String discoveryUrl) { this.discoveryUrl = discoveryUrl == null ? "" : discoveryUrl; }
        public String getClientId() { return clientId; }
        public void setClientId(String clientId) { this.clientId = clientId == null ? "" : clientId; }
        public String getClientSecret() { return clientSecret; }
        public void setClientSecret(String clientSecret) { this.clientSecret = clientSecret == null ? "" : clientSecret; }
        public String getScopes() { return scopes; }
        public void setScopes(String scopes) { this.scopes = scopes == null ? "" : scopes; }
        public String getMetadataUrl() { return metadataUrl; }
        public void setMetadataUrl(String metadataUrl) { this.metadataUrl = metadataUrl == null ? "" : metadataUrl; }
        public String getMetadata() { return metadata; }
        public void setMetadata(String metadata) { this.metadata = metadata == null ? "" : metadata; }
        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
    }
}
