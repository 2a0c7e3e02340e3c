package io.meshwork.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwork.access.pdp.MaskKind;
import org.junit.jupiter.api.Test;

class AccessSettingsTest {

  @Test
  void readsPurposesAndMasksAsConfigured() {
    AccessSettings settings = AccessSettings.parse(" analytics, audit ,", "restricted:null, Secret:HASH");

    assertThat(settings.purposes()).containsExactlyInAnyOrder("analytics", "audit");
    assertThat(settings.masking().maskFor("restricted")).hasValue(MaskKind.NULL);
    assertThat(settings.masking().maskFor("secret")).hasValue(MaskKind.HASH);
    assertThat(settings.masking().maskFor("pii")).isEmpty();
  }

  @Test
  void rejectsWhatItCannotUnderstandWithTheSettingsName() {
    assertThatThrownBy(() -> AccessSettings.parse("analytics", "restricted:scramble"))
        .hasMessageContaining("access.masks").hasMessageContaining("restricted:scramble");
    assertThatThrownBy(() -> AccessSettings.parse(" , ", "")).hasMessageContaining("purpose");
  }

  @Test
  void theDefaultsMaskRestrictedConfidentialAndPii() {
    AccessSettings defaults = AccessSettings.defaults();
    assertThat(defaults.purposes()).contains("analytics", "fraud", "legal");
    assertThat(defaults.masking().maskFor("restricted")).hasValue(MaskKind.HASH);
    assertThat(defaults.masking().maskFor("confidential")).hasValue(MaskKind.PARTIAL);
  }
}
