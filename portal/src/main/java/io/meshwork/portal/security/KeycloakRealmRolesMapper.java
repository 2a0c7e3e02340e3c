package io.meshwork.portal.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;

/**
 * Turns the realm roles Keycloak puts into the ID token ({@code realm_access.roles}) into Spring roles
 * ({@code ROLE_mesh-admin}, …), so that {@code @RolesAllowed("mesh-admin")} works on views. The realm
 * needs a mapper that adds realm roles to the ID token, not only to the access token.
 */
final class KeycloakRealmRolesMapper implements GrantedAuthoritiesMapper {

    @Override
    public Collection<? extends GrantedAuthority> mapAuthorities(Collection<? extends GrantedAuthority> authorities) {
        Set<GrantedAuthority> mapped = new LinkedHashSet<>(authorities);
        for (GrantedAuthority authority : authorities) {
            if (authority instanceof OidcUserAuthority oidc) {
                realmRoles(oidc.getIdToken().getClaimAsMap("realm_access"))
                        .forEach(role -> mapped.add(new SimpleGrantedAuthority("ROLE_" + role)));
            }
        }
        return mapped;
    }

    private static List<String> realmRoles(Map<String, Object> realmAccess) {
        if (realmAccess != null && realmAccess.get("roles") instanceof Collection<?> roles) {
            return roles.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
