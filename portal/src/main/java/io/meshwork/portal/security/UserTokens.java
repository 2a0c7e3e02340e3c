package io.meshwork.portal.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.RefreshTokenOAuth2AuthorizedClientProvider;
import org.springframework.stereotype.Component;

/** Hands the signed-in user's token to background work that outlives the request ({@link HeldToken}). */
@Component
public class UserTokens {

    private final OAuth2AuthorizedClientManager authorizedClients;
    private final SecurityContextHolderStrategy securityContext;

    UserTokens(OAuth2AuthorizedClientManager authorizedClients, SecurityContextHolderStrategy securityContext) {
        this.authorizedClients = authorizedClients;
        this.securityContext = securityContext;
    }

    /**
     * A token for a long-lived task, refreshed as it goes. Call on a request thread (a view's attach).
     *
     * @throws IllegalStateException when nobody is signed in or the session has no token
     */
    public HeldToken hold() {
        Authentication user = securityContext.getContext().getAuthentication();
        return new HeldToken(user, authorized(user), new RefreshTokenOAuth2AuthorizedClientProvider());
    }

    /**
     * The signed-in user's access token as it is now (refreshed if needed), for a short task. Call on a
     * request thread.
     *
     * @throws IllegalStateException when nobody is signed in or the session has no token
     */
    public String current() {
        return authorized(securityContext.getContext().getAuthentication()).getAccessToken().getTokenValue();
    }

    private OAuth2AuthorizedClient authorized(Authentication user) {
        OAuth2AuthorizedClient client = user == null ? null : authorizedClients.authorize(
                OAuth2AuthorizeRequest.withClientRegistrationId(SecurityConfig.REGISTRATION_ID).principal(user).build());
        if (client == null) {
            throw new IllegalStateException("no signed-in user with a token");
        }
        return client;
    }
}
