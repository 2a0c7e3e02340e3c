package io.meshwork.portal.signin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import io.meshwork.portal.security.SecurityConfig;

/**
 * One way to sign in, as the sign-in page offers it: Meshwork's own Keycloak accounts, or an
 * identity provider federated under {@code alias} (a company's OIDC or SAML provider).
 */
public record SignInOption(String alias, String displayName) {

    /** The option that is always there: Keycloak's own sign-in page. */
    static final SignInOption KEYCLOAK = new SignInOption(null, "Keycloak");

    /** Where the browser goes to start this sign-in (the portal's OAuth2 endpoint, with the provider hint). */
    String start() {
        return alias == null ? SecurityConfig.SIGN_IN_START
                : SecurityConfig.SIGN_IN_START + "?idp=" + URLEncoder.encode(alias, StandardCharsets.UTF_8);
    }

    /** The button's element id: {@code sign-in-keycloak} or {@code sign-in-idp-<alias>}. */
    String elementId() {
        return alias == null ? "sign-in-keycloak" : "sign-in-idp-" + alias;
    }
}
