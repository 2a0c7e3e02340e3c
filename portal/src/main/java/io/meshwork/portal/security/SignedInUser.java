package io.meshwork.portal.security;

import com.vaadin.flow.spring.security.AuthenticationContext;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/** Who is signed in, as the portal shows it: display name, user name and Meshwork realm roles. */
public record SignedInUser(String displayName, String username, List<String> roles) {

    /** Keycloak's own default roles, which say nothing to a Meshwork user. */
    private static final Set<String> HIDDEN_ROLES = Set.of("offline_access", "uma_authorization");

    public static Optional<SignedInUser> current(AuthenticationContext authentication) {
        return authentication.getAuthenticatedUser(OidcUser.class).map(user -> new SignedInUser(
                user.getFullName() != null ? user.getFullName() : user.getPreferredUsername(),
                user.getPreferredUsername(),
                authentication.getGrantedRoles().stream()
                        .filter(role -> !HIDDEN_ROLES.contains(role) && !role.startsWith("default-roles-"))
                        .sorted()
                        .toList()));
    }
}
