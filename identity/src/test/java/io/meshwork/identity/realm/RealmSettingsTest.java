package io.meshwork.identity.realm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RealmSettingsTest {

  private static final String SECRET = "s3cret-portal";

  @Test
  void defaultsAndNormalisedBaseUrls() {
    RealmSettings settings = RealmSettings.of("meshwork", SECRET,
        List.of("http://127.0.0.1:8080/", "http://127.0.0.1:8080", "https://portal.example/mesh"), true);

    assertThat(settings.nodeAudience()).isEqualTo("meshwork-node");
    assertThat(settings.portalClientId()).isEqualTo("meshwork-portal");
    assertThat(settings.cliClientId()).isEqualTo("meshwork-cli");
    assertThat(settings.portalBaseUrls()).containsExactly("http://127.0.0.1:8080", "https://portal.example/mesh");
  }

  @Test
  void neverPrintsTheSecret() {
    assertThat(RealmSettings.of("meshwork", SECRET, List.of("http://127.0.0.1:8080"), false).toString())
        .doesNotContain(SECRET)
        .contains("portalClientSecret=***");
  }

  @Test
  void rejectsTheMasterRealmAndOddNames() {
    assertThatThrownBy(() -> RealmSettings.of("master", SECRET, List.of("http://127.0.0.1:8080"), true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("master");
    assertThatThrownBy(() -> RealmSettings.of("mesh work", SECRET, List.of("http://127.0.0.1:8080"), true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("realm:");
    assertThatThrownBy(() -> new RealmSettings("meshwork", "same", "same", SECRET, List.of("http://127.0.0.1:8080"), "cli", true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different");
  }

  @Test
  void requiresASecretAndUsableBaseUrls() {
    assertThatThrownBy(() -> RealmSettings.of("meshwork", " ", List.of("http://127.0.0.1:8080"), true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("portalClientSecret");
    assertThatThrownBy(() -> RealmSettings.of("meshwork", SECRET, List.of(), true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("portalBaseUrls");
    assertThatThrownBy(() -> RealmSettings.of("meshwork", SECRET, List.of("127.0.0.1:8080"), true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("portalBaseUrls");
    assertThatThrownBy(() -> RealmSettings.of("meshwork", SECRET, List.of("http://127.0.0.1:8080/?x=1"), true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("portalBaseUrls");
  }
}
