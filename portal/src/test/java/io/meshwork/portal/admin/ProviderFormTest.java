package io.meshwork.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.meshwork.portal.node.NodeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The identity-provider form without a browser: its own checks, the request it builds, the node's errors at fields. */
class ProviderFormTest {

    private final ProviderForm form = new ProviderForm();
    private final List<Map<String, Object>> saved = new ArrayList<>();

    ProviderFormTest() {
        form.addSaveListener(save -> saved.add(save.request()));
    }

    private void fillOidc() {
        form.alias.setValue("company-sso");
        form.displayName.setValue("Company SSO");
        form.discoveryUrl.setValue("https://sso.example.com/.well-known/openid-configuration");
        form.clientId.setValue("meshwork");
        form.clientSecret.setValue("s3cret");
    }

    @Test
    void aCompleteOidcProviderBecomesTheNodesRequest() {
        fillOidc();
        form.scopes.setValue("openid email");

        form.save.click();

        assertThat(saved).singleElement().isEqualTo(Map.of("type", "oidc", "alias", "company-sso",
                "displayName", "Company SSO", "discoveryUrl", "https://sso.example.com/.well-known/openid-configuration",
                "clientId", "meshwork", "clientSecret", "s3cret", "scopes", List.of("openid", "email"), "enabled", true));
    }

    @Test
    void anEmptyFormMarksEveryRequiredFieldAndSendsNothing() {
        form.save.click();

        assertThat(saved).isEmpty();
        assertThat(form.alias.isInvalid()).isTrue();
        assertThat(form.discoveryUrl.isInvalid()).isTrue();
        assertThat(form.clientId.isInvalid()).isTrue();
        assertThat(form.clientSecret.isInvalid()).isTrue();
    }

    @Test
    void anAliasWithCapitalsAndScopesWithoutOpenidAreRefusedAtTheirFields() {
        fillOidc();
        form.alias.setValue("Company SSO");
        form.scopes.setValue("email profile");

        form.save.click();

        assertThat(saved).isEmpty();
        assertThat(form.alias.getErrorMessage()).contains("a-z");
        assertThat(form.scopes.getErrorMessage()).isEqualTo("Must include openid");
    }

    @Test
    void samlNeedsTheMetadataUrlOrTheXmlAndHidesTheOidcFields() {
        form.type.setValue("saml");
        form.alias.setValue("partner");

        form.save.click();
        assertThat(saved).isEmpty();
        assertThat(form.metadataUrl.getErrorMessage()).isEqualTo("Give either the metadata URL or the metadata XML");
        assertThat(form.clientId.isVisible()).isFalse();

        form.metadataUrl.setValue("https://idp.example.com/metadata");
        form.save.click();
        assertThat(saved).singleElement().isEqualTo(Map.of("type", "saml", "alias", "partner",
                "metadataUrl", "https://idp.example.com/metadata", "enabled", true));
    }

    @Test
    void theNodesErrorsGoToTheirFields() {
        fillOidc();
        List<String> elsewhere = form.showProblem(NodeException.invalid("The identity provider is invalid", List.of(
                new NodeException.FieldError("/clientId", "required: the client id Meshwork's realm has at the provider"),
                new NodeException.FieldError("/syncMode", "one of IMPORT, FORCE, LEGACY"))));

        assertThat(form.clientId.isInvalid()).isTrue();
        assertThat(form.clientId.getErrorMessage()).startsWith("required: the client id");
        assertThat(elsewhere).containsExactly("/syncMode: one of IMPORT, FORCE, LEGACY");
    }

    @Test
    void anUnreadableDiscoveryDocumentShowsAtTheDiscoveryUrl() {
        fillOidc();
        List<String> elsewhere = form.showProblem(NodeException.of(422, "The discovery document cannot be used",
                "https://sso.example.com/.well-known/openid-configuration answered 404", JsonNodeFactory.instance.objectNode()));

        assertThat(elsewhere).isEmpty();
        assertThat(form.discoveryUrl.getErrorMessage()).contains("answered 404");
    }
}
