package io.meshwork.model.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.model.document.DocumentFormat;
import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import io.meshwork.model.lifecycle.Lifecycle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DataProductTest {

  private static byte[] sample() throws IOException {
    try (InputStream in = DataProductTest.class.getResourceAsStream("/orders-daily.yaml")) {
      return in.readAllBytes();
    }
  }

  @Test
  void typesTheFieldsMeshworkActsOn() throws IOException {
    DataProduct product = DataProduct.from(DocumentFormat.YAML.read(sample()));

    assertThat(product.id()).isEqualTo("orders-daily");
    assertThat(product.name()).isEqualTo("Daily orders");
    assertThat(product.status()).isEqualTo(Lifecycle.ACTIVE);
    assertThat(product.domain()).isEqualTo("orders");
    assertThat(product.tags()).containsExactly("sales", "finance");
  }

  @Test
  void keepsUnmodelledFieldsThroughYamlAndJsonRoundTrips() throws IOException {
    JsonNode original = DocumentFormat.YAML.read(sample());
    DataProduct product = DataProduct.from(original);

    String json = DocumentFormat.JSON.write(product.document());
    String yaml = DocumentFormat.YAML.write(DocumentFormat.JSON.read(json.getBytes(StandardCharsets.UTF_8)));
    JsonNode back = DocumentFormat.YAML.read(yaml.getBytes(StandardCharsets.UTF_8));

    assertThat(back).isEqualTo(original);
    assertThat(back.at("/someFutureField/nested/2/deep").asBoolean()).isTrue();
    assertThat(back.at("/outputPorts/0/x-meshwork-unmodelled").asText()).isEqualTo("keep me");
  }

  @Test
  void reportsEveryViolationWithItsPointer() {
    String broken = """
        apiVersion: v9
        kind: Dataset
        id: "not valid id!"
        status: shipped
        tags: [ok, 3]
        outputPorts:
          - name: a
          - name: a
            version: 1.0.0
          - just a string
        managementPorts:
          - name: m
            content: gossip
        """;

    assertThatThrownBy(() -> DataProduct.from(DocumentFormat.YAML.read(broken.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOfSatisfying(InvalidException.class, e -> assertThat(e.violations())
            .extracting(Violation::pointer)
            .containsExactlyInAnyOrder(
                "/apiVersion", "/kind", "/id", "/status", "/domain", "/tags/1",
                "/outputPorts/0/version", "/outputPorts/1/name", "/outputPorts/2", "/managementPorts/0/content"));
  }

  @Test
  void rejectsDocumentsThatAreNotObjects() {
    assertThatThrownBy(() -> DataProduct.from(DocumentFormat.JSON.read("[1,2]".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOfSatisfying(InvalidException.class,
            e -> assertThat(e.violations()).containsExactly(new Violation("", "a data product descriptor must be an object")));
  }

  @Test
  void syntaxErrorsSayWhere() {
    assertThatThrownBy(() -> DocumentFormat.YAML.read("id: [unclosed".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(InvalidException.class,
            e -> assertThat(e.violations().get(0).reason()).startsWith("not valid YAML at line"));
    assertThatThrownBy(() -> DocumentFormat.JSON.read(new byte[0])).isInstanceOf(InvalidException.class);
  }

  @Test
  void picksTheFormatFromTheMediaType() {
    assertThat(DocumentFormat.fromMediaType("application/yaml; charset=utf-8")).isEqualTo(DocumentFormat.YAML);
    assertThat(DocumentFormat.fromMediaType("text/x-yaml")).isEqualTo(DocumentFormat.YAML);
    assertThat(DocumentFormat.fromMediaType("application/json")).isEqualTo(DocumentFormat.JSON);
    assertThat(DocumentFormat.fromMediaType(null)).isEqualTo(DocumentFormat.JSON);
  }

  @Test
  void acceptsOdps11TypeAndContextAndReadsPortsWithTheExternalMark() {
    String v11 = """
        apiVersion: v1.1.0
        kind: DataProduct
        id: leads
        status: draft
        domain: leads
        type: sourceAligned
        context: {businessCapability: lead management}
        inputPorts:
          - name: crm
            version: 2.0.0
            contractId: crm-leads-v2
            customProperties:
              - property: external
                value: true
          - name: forms
            version: 1.0.0
            contractId: forms-v1
        outputPorts:
          - name: leads
            version: 1.0.0
            contractId: leads-v1
            context: {}
        """;
    DataProduct product = DataProduct.from(DocumentFormat.YAML.read(v11.getBytes(StandardCharsets.UTF_8)));

    assertThat(product.inputPorts()).extracting(DataProduct.InputPort::external).containsExactly(true, false);
    assertThat(product.inputPorts().get(1).pointer()).isEqualTo("/inputPorts/1");
    assertThat(product.outputPorts()).extracting(DataProduct.OutputPort::contractId).containsExactly("leads-v1");

    String wrongContext = v11.replace("context: {businessCapability: lead management}", "context: lead management");
    assertThatThrownBy(() -> DataProduct.from(DocumentFormat.YAML.read(wrongContext.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOfSatisfying(InvalidException.class,
            e -> assertThat(e.violations()).containsExactly(new Violation("/context", "must be an object")));
  }
}
