package io.meshwork.model.contract;

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

class DataContractTest {

  static JsonNode sample() throws IOException {
    try (InputStream in = DataContractTest.class.getResourceAsStream("/order-lines-v1.yaml")) {
      return DocumentFormat.YAML.read(in.readAllBytes());
    }
  }

  @Test
  void typesTheFieldsMeshworkActsOn() throws IOException {
    DataContract contract = DataContract.from(sample());

    assertThat(contract.id()).isEqualTo("order-lines-v1");
    assertThat(contract.version()).isEqualTo(SemVer.parse("1.0.0").orElseThrow());
    assertThat(contract.status()).isEqualTo(Lifecycle.ACTIVE);
    assertThat(contract.domain()).isEqualTo("orders");
    assertThat(contract.dataProduct()).isEqualTo("orders-daily");
    SchemaObject lines = contract.schema().get(0);
    assertThat(lines.physicalType()).isEqualTo("table");
    assertThat(lines.properties()).extracting(SchemaProperty::name)
        .containsExactly("order_id", "line_no", "customer_email", "channel", "amount");
    SchemaProperty orderId = lines.properties().get(0);
    assertThat(orderId.path()).isEqualTo("order_lines.order_id");
    assertThat(orderId.required()).isTrue();
    assertThat(orderId.primaryKey()).isTrue();
    assertThat(orderId.physicalType()).isEqualTo("VARCHAR(36)");
    SchemaProperty email = lines.properties().get(2);
    assertThat(email.classification()).isEqualTo("confidential");
    assertThat(email.criticalDataElement()).isTrue();
    assertThat(email.examples()).extracting(JsonNode::asText).containsExactly("ada@example.com");
    assertThat(lines.properties().get(3).validValues()).containsExactly("web", "store");
    assertThat(contract.quality()).extracting(QualityRule::metric).containsExactly("rowCount", "invalidValues");
    assertThat(contract.slaProperties()).singleElement().satisfies(sla -> {
      assertThat(sla.property()).isEqualTo("latency");
      assertThat(sla.value().asInt()).isEqualTo(4);
      assertThat(sla.unit()).isEqualTo("h");
    });
    assertThat(contract.roles()).containsExactly(new ContractRole("orders_reader", "read", null));
    assertThat(contract.servers()).containsExactly(new Server("local", "duckdb", "dev", null));
  }

  @Test
  void keepsUnmodelledFieldsThroughYamlAndJsonRoundTrips() throws IOException {
    JsonNode original = sample();
    DataContract contract = DataContract.from(original);

    String json = DocumentFormat.JSON.write(contract.document());
    String yaml = DocumentFormat.YAML.write(DocumentFormat.JSON.read(json.getBytes(StandardCharsets.UTF_8)));
    JsonNode back = DocumentFormat.YAML.read(yaml.getBytes(StandardCharsets.UTF_8));

    assertThat(back).isEqualTo(original);
    assertThat(back.at("/servers/0/x-meshwork-unmodelled").asText()).isEqualTo("keep me");
    assertThat(back.at("/someFutureField/nested/1/deep").asBoolean()).isTrue();
  }

  @Test
  void reportsEveryViolationWithItsPointer() {
    String broken = """
        apiVersion: v2.0.0
        kind: DataProduct
        id: "bad id!"
        version: one
        status: shipped
        schema:
          - name: t
            logicalType: table
            properties:
              - name: a
                logicalType: text
                required: "yes"
              - name: a
              - logicalType: string
              - name: nested
                logicalType: object
                properties:
                  - name: inner
                    primaryKeyPosition: first
            quality:
              - type: sql
              - type: magic
          - name: t
        slaProperties:
          - property: latency
        roles:
          - access: read
        servers:
          - server: s
        """;

    assertThatThrownBy(() -> DataContract.from(DocumentFormat.YAML.read(broken.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOfSatisfying(InvalidException.class, e -> assertThat(e.violations())
            .extracting(Violation::pointer)
            .containsExactlyInAnyOrder(
                "/apiVersion", "/kind", "/id", "/version", "/status", "/domain",
                "/schema/0/logicalType",
                "/schema/0/properties/0/logicalType", "/schema/0/properties/0/required",
                "/schema/0/properties/1/name", "/schema/0/properties/2/name",
                "/schema/0/properties/3/properties/0/primaryKeyPosition",
                "/schema/0/quality/0/query", "/schema/0/quality/1/type",
                "/schema/1/name",
                "/slaProperties/0/value", "/roles/0/role", "/servers/0/type"));
  }

  @Test
  void rejectsDocumentsThatAreNotObjects() {
    assertThatThrownBy(() -> DataContract.from(DocumentFormat.JSON.read("\"contract\"".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOfSatisfying(InvalidException.class,
            e -> assertThat(e.violations()).containsExactly(new Violation("", "a data contract must be an object")));
  }

  @Test
  void semanticVersionsCompareAsTheSpecificationSays() {
    SemVer rc = SemVer.parse("2.0.0-rc.1").orElseThrow();
    SemVer release = SemVer.parse("2.0.0+build.7").orElseThrow();
    assertThat(rc).isLessThan(release);
    assertThat(SemVer.parse("1.10.0").orElseThrow()).isGreaterThan(SemVer.parse("1.9.3").orElseThrow());
    assertThat(SemVer.parse("1.0")).isEmpty();
    assertThat(SemVer.parse("01.0.0")).isEmpty();
    assertThat(release.toString()).isEqualTo("2.0.0+build.7");
  }
}
