package io.meshwork.model.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwork.model.document.DocumentFormat;
import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DomainTest {

  @Test
  void typesNameDescriptionAndOwners() {
    Domain domain = Domain.from(DocumentFormat.YAML.read("""
        name: orders
        description: Orders placed on the web shop and in stores.
        owners: [olivia]
        """.getBytes(StandardCharsets.UTF_8)));
    assertThat(domain.name()).isEqualTo("orders");
    assertThat(domain.description()).startsWith("Orders placed");
    assertThat(domain.owners()).containsExactly("olivia");
  }

  @Test
  void reportsEveryViolation() {
    assertThatThrownBy(() -> Domain.from(DocumentFormat.YAML.read("""
        name: Orders!
        description: 42
        owners: olivia
        colour: blue
        """.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOfSatisfying(InvalidException.class, e -> assertThat(e.violations()).extracting(Violation::pointer)
            .containsExactlyInAnyOrder("/name", "/description", "/owners", "/colour"));
  }
}
