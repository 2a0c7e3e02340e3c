package io.meshwork.portal.signin;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.meshwork.portal.node.StubNode;
import io.meshwork.portal.tracing.TraceContextInterceptor;
import io.opentelemetry.api.OpenTelemetry;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/** The sign-in page against a stand-in node, without a browser. */
class SignInViewTest {

    private final StubNode node = new StubNode();

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void offersKeycloakThenEveryProviderTheNodeLists() {
        node.answer(200, "application/json", """
                {"items":[{"alias":"acme","displayName":"ACME Corp","type":"oidc"},
                          {"alias":"acme-saml","displayName":"ACME (SAML)","type":"saml"}]}""");

        var view = new SignInView(client(), new AuthenticationContext());

        assertThat(buttons(view)).extracting(Button::getText)
                .containsExactly("Sign in with Keycloak", "Sign in with ACME Corp", "Sign in with ACME (SAML)");
        assertThat(buttons(view)).extracting(b -> b.getId().orElseThrow())
                .containsExactly("sign-in-keycloak", "sign-in-idp-acme", "sign-in-idp-acme-saml");
        assertThat(buttons(view)).extracting(b -> b.getElement().getAttribute("data-start")).containsExactly(
                "/oauth2/authorization/keycloak", "/oauth2/authorization/keycloak?idp=acme",
                "/oauth2/authorization/keycloak?idp=acme-saml");
        assertThat(view.notice.isVisible()).isFalse();
    }

    @Test
    void whenTheNodeCannotListThemKeycloakIsStillThere() {
        node.answer(503, "application/problem+json",
                "{\"title\":\"Unavailable\",\"status\":503,\"detail\":\"Identity administration is not configured\"}");

        var view = new SignInView(client(), new AuthenticationContext());

        assertThat(buttons(view)).extracting(Button::getText).containsExactly("Sign in with Keycloak");
        assertThat(view.notice.isVisible()).isTrue();
        assertThat(view.notice.getText()).contains("Keycloak's sign-in page offers it too");
    }

    private SignInOptionsClient client() {
        return new SignInOptionsClient(node.url(), RestClient.builder(), new TraceContextInterceptor(OpenTelemetry.noop()));
    }

    private static List<Button> buttons(SignInView view) {
        return view.options.getChildren().map(Button.class::cast).toList();
    }
}
