package io.meshwork.portal.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;

class KeycloakRealmRolesMapperTest {

    @Test
    void realmRolesOfTheIdTokenBecomeSpringRoles() {
        var idToken = new OidcIdToken("token", Instant.now(), Instant.now().plusSeconds(60), Map.of(
                "sub", "carlos",
                "realm_access", Map.of("roles", List.of("data-consumer", "sre"))));

        var authorities = new KeycloakRealmRolesMapper().mapAuthorities(List.of(new OidcUserAuthority(idToken)));

        assertThat(authorities).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("OIDC_USER", "ROLE_data-consumer", "ROLE_sre");
    }

    @Test
    void anIdTokenWithoutRealmRolesGivesNoRole() {
        var idToken = new OidcIdToken("token", Instant.now(), Instant.now().plusSeconds(60), Map.of("sub", "x"));

        var authorities = new KeycloakRealmRolesMapper().mapAuthorities(List.of(new OidcUserAuthority(idToken)));

        assertThat(authorities).extracting(GrantedAuthority::getAuthority).containsExactly("OIDC_USER");
    }
}
