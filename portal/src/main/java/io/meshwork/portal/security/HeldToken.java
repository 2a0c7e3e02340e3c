package io.meshwork.portal.security;

import java.util.Objects;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProvider;

/**
 * The signed-in user's access token held by a long-lived background task (a dashboard that pushes
 * updates for as long as it is open), where no HTTP request is in progress and the session's token
 * store cannot be reached. Taken on a request thread ({@link UserTokens#hold()}); each {@link #value()}
 * refreshes it with the refresh token shortly before it expires, so the task outlives the access
 * token's lifespan but not the Keycloak session: once that ends, the refresh fails
 * ({@link org.springframework.security.oauth2.client.ClientAuthorizationException}).
 */
public final class HeldToken {

    private final Authentication user;
    private final OAuth2AuthorizedClientProvider refresher;
    private volatile OAuth2AuthorizedClient client;

    HeldToken(Authentication user, OAuth2AuthorizedClient client, OAuth2AuthorizedClientProvider refresher) {
        this.user = Objects.requireNonNull(user);
        this.client = Objects.requireNonNull(client);
        this.refresher = Objects.requireNonNull(refresher);
    }

    /** The access token, refreshed first when it expires within a minute. */
    public String value() {
        OAuth2AuthorizedClient refreshed = refresher.authorize(
                OAuth2AuthorizationContext.withAuthorizedClient(client).principal(user).build());
        if (refreshed != null) {
            client = refreshed;
        }
        return client.getAccessToken().getTokenValue();
    }
}
