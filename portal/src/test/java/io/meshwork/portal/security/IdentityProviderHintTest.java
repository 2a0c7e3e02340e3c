package io.meshwork.portal.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

/** The "sign in with …" buttons' way to Keycloak: ?idp=<alias> becomes kc_idp_hint, nothing else does. */
class IdentityProviderHintTest {

    private static final OAuth2AuthorizationRequest PLAIN = OAuth2AuthorizationRequest.authorizationCode()
            .authorizationUri("http://127.0.0.1:8180/realms/meshwork/protocol/openid-connect/auth")
            .clientId("meshwork-portal")
            .redirectUri("http://127.0.0.1:8080/login/oauth2/code/keycloak")
            .state("s")
            .build();

    private final IdentityProviderHint resolver = new IdentityProviderHint(new OAuth2AuthorizationRequestResolver() {
        @Override
        public OAuth2AuthorizationRequest resolve(jakarta.servlet.http.HttpServletRequest request) {
            return request.getRequestURI().startsWith("/oauth2/authorization/") ? PLAIN : null;
        }

        @Override
        public OAuth2AuthorizationRequest resolve(jakarta.servlet.http.HttpServletRequest request, String registrationId) {
            return PLAIN;
        }
    });

    @Test
    void anAliasBecomesKeycloaksProviderHint() {
        OAuth2AuthorizationRequest request = resolver.resolve(signIn("acme"));

        assertThat(request.getAdditionalParameters()).containsEntry("kc_idp_hint", "acme");
        assertThat(request.getAuthorizationRequestUri()).contains("kc_idp_hint=acme");
        assertThat(request.getClientId()).isEqualTo("meshwork-portal");
    }

    @Test
    void withoutAnAliasTheRequestIsKeycloaksOwnSignIn() {
        assertThat(resolver.resolve(signIn(null)).getAdditionalParameters()).doesNotContainKey("kc_idp_hint");
    }

    @Test
    void somethingThatCannotBeAnAliasIsIgnored() {
        assertThat(resolver.resolve(signIn("acme&prompt=none")).getAdditionalParameters()).doesNotContainKey("kc_idp_hint");
        assertThat(resolver.resolve(signIn("")).getAdditionalParameters()).doesNotContainKey("kc_idp_hint");
    }

    @Test
    void otherRequestsAreNotAuthorizationRequests() {
        var other = new MockHttpServletRequest("GET", "/catalog");
        other.setParameter("idp", "acme");
        assertThat(resolver.resolve(other)).isNull();
    }

    private static MockHttpServletRequest signIn(String idp) {
        var request = new MockHttpServletRequest("GET", "/oauth2/authorization/keycloak");
        if (idp != null) {
            request.setParameter("idp", idp);
        }
        return request;
    }
}
