package io.meshwork.identity.realm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;

class OverlayTest {

  @Test
  void comparesOnlyTheFieldsTheDefinitionSets() {
    ClientRepresentation existing = client(List.of("b", "a"), Map.of("pkce.code.challenge.method", "S256", "other", "x"));
    existing.setName("set by an admin");
    ClientRepresentation desired = client(List.of("a", "b"), Map.of("pkce.code.challenge.method", "S256"));

    assertThat(Overlay.differingFields(existing, desired)).isEmpty();

    desired.setRedirectUris(List.of("a"));
    desired.setAttributes(Map.of("pkce.code.challenge.method", "plain"));
    assertThat(Overlay.differingFields(existing, desired)).containsExactlyInAnyOrder("redirectUris", "attributes");
  }

  @Test
  void mergeKeepsWhatTheDefinitionDoesNotOwn() {
    ClientRepresentation existing = client(List.of("old"), Map.of("pkce.code.challenge.method", "plain", "other", "x"));
    existing.setName("kept");
    ClientRepresentation merged = Overlay.merge(existing,
        client(List.of("new"), Map.of("pkce.code.challenge.method", "S256")), ClientRepresentation.class);

    assertThat(merged.getName()).isEqualTo("kept");
    assertThat(merged.getRedirectUris()).containsExactly("new");
    assertThat(merged.getAttributes()).containsEntry("pkce.code.challenge.method", "S256").containsEntry("other", "x");
  }

  private static ClientRepresentation client(List<String> redirectUris, Map<String, String> attributes) {
    ClientRepresentation client = new ClientRepresentation();
    client.setClientId("c");
    client.setRedirectUris(redirectUris);
    client.setAttributes(attributes);
    return client;
  }
}
