package io.meshwork.dataplane.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwork.model.document.DocumentFormat;
import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PipelineSpecTest {

  static PipelineSpec yaml(String text) {
    return PipelineSpec.from(DocumentFormat.YAML.read(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void readsSourcesAndNeverShowsCredentials() {
    PipelineSpec spec = yaml("""
        sources:
          - name: nightly
            port: order_lines
            format: csv
            url: https://erp.example.com/orders.csv
            schedule: "0 2 * * *"
            credentials: {type: bearer, token: s3cret}
          - name: drop
            port: order_lines
            format: ndjson
            path: /srv/inbox/orders.ndjson
        """);
    assertThat(spec.sources()).hasSize(2);
    assertThat(spec.source("nightly").credentials().authorization()).isEqualTo("Bearer s3cret");
    assertThat(spec.source("drop").schedule()).isNull();
    String shown = spec.toJson(Set.of("nightly")).encode();
    assertThat(shown).contains("\"credentials\":\"set\"").doesNotContain("s3cret");
    assertThat(yaml("sources: [{name: n, port: p, format: csv, url: 'https://x.example/a', credentials: set}]").source("n").credentials().keep()).isTrue();
  }

  @Test
  void everyViolationIsReportedWithItsPointer() {
    assertThatThrownBy(() -> yaml("""
        sources:
          - name: Bad Name
            format: xml
            url: ftp://example.com/x
            path: /a
            schedule: "every day"
            credentials: {type: digest}
            extra: 1
          - name: ok
            port: p
            format: csv
            url: https://user:pw@example.com/x
        other: true
        """))
        .isInstanceOfSatisfying(InvalidException.class, e -> assertThat(e.violations()).extracting(Violation::pointer).contains(
            "/other", "/sources/0/extra", "/sources/0/name", "/sources/0/port", "/sources/0/format", "/sources/0",
            "/sources/0/schedule", "/sources/0/credentials/type", "/sources/1/url"));
  }
}
