package io.meshwork.portal.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwork.portal.security.SecurityConfig;
import io.meshwork.portal.security.UserTokens;
import io.meshwork.portal.tracing.TraceContextInterceptor;
import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.client.web.client.SecurityContextHolderPrincipalResolver;
import org.springframework.web.client.RestClient;

/** Calls to the mesh node carry the signed-in user's access token and the W3C trace context. */
@Configuration
class NodeClientConfig {

    @Bean
    NodeApi nodeApi(@Value("${meshwork.node-url}") URI nodeUrl, RestClient.Builder builder, ObjectMapper json,
            OAuth2AuthorizedClientManager authorizedClients, OAuth2AuthorizedClientRepository authorizedClientStore,
            SecurityContextHolderStrategy securityContext, TraceContextInterceptor tracing) {
        var bearerToken = new OAuth2ClientHttpRequestInterceptor(authorizedClients);
        bearerToken.setClientRegistrationIdResolver(request -> SecurityConfig.REGISTRATION_ID);
        // Vaadin swaps in its own security context holder; a resolver built without it reads the
        // static holder and sees an anonymous user ("client_authorization_required").
        bearerToken.setPrincipalResolver(new SecurityContextHolderPrincipalResolver(securityContext));
        // a token the node rejects as invalid is dropped, so that the next call asks for a new one
        bearerToken.setAuthorizationFailureHandler(
                OAuth2ClientHttpRequestInterceptor.authorizationFailureHandler(authorizedClientStore));
        return NodeApi.create(nodeUrl, builder.clone().requestInterceptor(tracing).requestInterceptor(bearerToken), json);
    }

    /** For pushed updates: the same node, traced, with the token passed explicitly instead of looked up. */
    @Bean
    BackgroundNode backgroundNode(@Value("${meshwork.node-url}") URI nodeUrl, RestClient.Builder builder, ObjectMapper json,
            UserTokens tokens, TraceContextInterceptor tracing) {
        return new BackgroundNode(NodeApi.create(nodeUrl, builder.clone().requestInterceptor(tracing), json), tokens);
    }
}
