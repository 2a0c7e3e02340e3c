package io.meshwork.portal.security;

import static com.vaadin.flow.spring.security.VaadinSecurityConfigurer.vaadin;

import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategyConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;

import org.springframework.security.web.SecurityFilterChain;

/**
 * Sign-in through Keycloak: OIDC authorization code flow with PKCE, Keycloak roles as Spring roles,
 * sign-out through Keycloak's end-session endpoint (RP-initiated logout).
 */
@Configuration
@EnableWebSecurity
// the security context lives in the Vaadin session too; the node client reads it through this strategy
@Import(VaadinAwareSecurityContextHolderStrategyConfiguration.class)
public class SecurityConfig {

    /** The client registration of the portal at Keycloak (Spring's registration id). */
    public static final String REGISTRATION_ID = "keycloak";
    /** The portal's own sign-in page ({@code SignInView}): one button per way to sign in. */
    public static final String SIGN_IN_PAGE = "/sign-in";
    /** Where a sign-in through Keycloak starts; {@code ?idp=<alias>} goes straight to that identity provider. */
    public static final String SIGN_IN_START = OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI
            + "/" + REGISTRATION_ID;

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ClientRegistrationRepository registrations,
            OAuth2AuthorizedClientRepository authorizedClients) throws Exception {
        // Spring adds PKCE by itself only for public clients; the portal is confidential and uses it too.
        var authorizationRequests = new DefaultOAuth2AuthorizationRequestResolver(registrations,
                OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
        authorizationRequests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());

        // the sign-in page is set here, not only through Vaadin below: this configurer initialises
        // first and, without a page of its own, would send everyone straight to Keycloak (Vaadin permits it)
        http.oauth2Login(login -> login
                .loginPage(SIGN_IN_PAGE)
                .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(new IdentityProviderHint(authorizationRequests)))
                .authorizedClientRepository(authorizedClients)
                .userInfoEndpoint(userInfo -> userInfo.userAuthoritiesMapper(new KeycloakRealmRolesMapper())));
        // Vaadin's defaults (public resources, CSRF for its own endpoints, view access control); the
        // sign-in page (Keycloak, or a federated company's provider) is where anonymous visitors go, and
        // sign-out goes through Keycloak and back to the portal root, so to that page.
        http.with(vaadin(), vaadin -> vaadin.oauth2LoginPage(SIGN_IN_PAGE, "{baseUrl}/"));
        return http.build();
    }

    /**
     * Tokens live in the HTTP session: they end with it, at sign-out. (Boot's default store is an
     * in-memory map keyed by user name that outlives the session.)
     */
    @Bean
    OAuth2AuthorizedClientRepository authorizedClientRepository() {
        return new HttpSessionOAuth2AuthorizedClientRepository();
    }

    /** Hands out the signed-in user's access token, refreshing it when it has expired. */
    @Bean
    OAuth2AuthorizedClientManager authorizedClientManager(ClientRegistrationRepository registrations,
            OAuth2AuthorizedClientRepository authorizedClients) {
        var manager = new DefaultOAuth2AuthorizedClientManager(registrations, authorizedClients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode()
                .refreshToken()
                .build());
        return manager;
    }
}
