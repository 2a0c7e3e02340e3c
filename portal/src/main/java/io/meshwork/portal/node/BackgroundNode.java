package io.meshwork.portal.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.portal.security.SecurityConfig;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;

/**
 * Node calls from a background thread (a pushed progress update), where no HTTP request is in progress
 * and the usual interceptor cannot find the user's token: the view takes the access token on its
 * request thread ({@link #currentToken()}) and hands it to {@link #getJson} explicitly.
 */
public final class BackgroundNode {

    private final NodeApi node;
    private final OAuth2AuthorizedClientManager authorizedClients;
    private final SecurityContextHolderStrategy securityContext;

    BackgroundNode(NodeApi node, OAuth2AuthorizedClientManager authorizedClients, SecurityContextHolderStrategy securityContext) {
        this.node = node;
        this.authorizedClients = authorizedClients;
        this.securityContext = securityContext;
    }

    /** The signed-in user's access token, refreshed if needed; call on a request thread. */
    public String currentToken() {
        Authentication user = securityContext.getContext().getAuthentication();
        OAuth2AuthorizedClient client = user == null ? null : authorizedClients.authorize(
                OAuth2AuthorizeRequest.withClientRegistrationId(SecurityConfig.REGISTRATION_ID).principal(user).build());
        if (client == null) {
            throw NodeException.signInExpired(new IllegalStateException("no authorized client"));
        }
        return client.getAccessToken().getTokenValue();
    }

    public JsonNode getJson(String token, String uri, Object... variables) {
        return node.call(api -> api.get()
                .uri(uri, variables)
                .header("Authorization", "Bearer " + token)
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .body(JsonNode.class));
    }
}
