package io.meshwork.portal.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

/**
 * Lets a sign-in start at one identity provider: {@code /oauth2/authorization/keycloak?idp=acme}
 * becomes an authorization request with {@code kc_idp_hint=acme}, so Keycloak skips its own login
 * page and sends the browser straight to the provider federated under that alias. Without {@code idp}
 * (or with a value that cannot be an alias) the request is left as it is: Keycloak's login page.
 */
final class IdentityProviderHint implements OAuth2AuthorizationRequestResolver {

    /** The request parameter the sign-in page's buttons use. */
    static final String PARAMETER = "idp";
    /** Keycloak's parameter for it. */
    static final String KEYCLOAK_HINT = "kc_idp_hint";
    /** Aliases made through the node's API are [a-z0-9-]; the console allows a little more. */
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private final OAuth2AuthorizationRequestResolver delegate;

    IdentityProviderHint(OAuth2AuthorizationRequestResolver delegate) {
        this.delegate = delegate;
    }

    @Override
    public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
        return withHint(request, delegate.resolve(request));
    }

    @Override
    public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String clientRegistrationId) {
        return withHint(request, delegate.resolve(request, clientRegistrationId));
    }

    private static OAuth2AuthorizationRequest withHint(HttpServletRequest request, OAuth2AuthorizationRequest authorization) {
        String alias = request.getParameter(PARAMETER);
        if (authorization == null || alias == null || !ALIAS.matcher(alias).matches()) {
            return authorization;
        }
        return OAuth2AuthorizationRequest.from(authorization)
                .additionalParameters(parameters -> parameters.put(KEYCLOAK_HINT, alias))
                .build();
    }
}
