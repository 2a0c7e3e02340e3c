package io.meshwork.catalog.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwork.model.contract.DataContract;
import io.meshwork.model.document.DocumentFormat;
import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import io.meshwork.model.lifecycle.Lifecycle;
import io.meshwork.model.product.DataProduct;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The built-in rule kinds on real documents: the demo data meets the default rules; typical shortfalls are found where they are. */
class DefaultRulesTest {

  private static final Path DEMO = Path.of("../../deploy/demo");

  @Test
  void everyActiveDemoProductAndContractMeetsTheDefaultRules() throws Exception {
    Map<String, DataContract> contracts = new HashMap<>();
    try (var files = Files.list(DEMO.resolve("contracts"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        DataContract contract = DataContract.from(DocumentFormat.YAML.read(Files.readAllBytes(file)));
        contracts.put(contract.id(), contract);
        if (contract.status() == Lifecycle.ACTIVE) {
          for (GovernanceRule rule : Governance.DEFAULT_RULES) {
            if (rule.appliesTo() == Target.CONTRACT) {
              assertThat(rule.check(contract.document())).as("%s: %s", file.getFileName(), rule.id()).isEmpty();
            }
          }
        }
      }
    }
    try (var files = Files.list(DEMO.resolve("products"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        DataProduct product = DataProduct.from(DocumentFormat.YAML.read(Files.readAllBytes(file)));
        if (product.status() == Lifecycle.ACTIVE) {
          List<DataContract> outputs = product.outputPorts().stream().map(p -> contracts.get(p.contractId())).toList();
          Conformance conformance = Governance.conformance(product, outputs, Governance.DEFAULT_RULES);
          assertThat(conformance.met()).as("%s: %s", file.getFileName(), conformance.toJson().encodePrettily()).isEqualTo(conformance.total());
          assertThat(conformance.total()).isEqualTo(5);
        }
      }
    }
  }

  @Test
  void personalLookingColumnsAreFoundByNameOrExample() {
    assertThat(PersonalData.why("customer_email", null)).hasValue("its name mentions 'email'");
    assertThat(PersonalData.why("customerPhone", null)).hasValue("its name mentions 'phone'");
    assertThat(PersonalData.why("client_ip", null)).hasValue("its name mentions 'ip'");
    assertThat(PersonalData.why("first_name", null)).hasValue("its name looks like a person's name");
    assertThat(PersonalData.why("date_of_birth", null)).hasValue("its name mentions 'birth'");
    assertThat(PersonalData.why("name", null)).isEmpty();
    assertThat(PersonalData.why("sku", null)).isEmpty();
    assertThat(PersonalData.why("ordered_at", null)).isEmpty();
    var examples = DocumentFormat.JSON.read("[\"ada@example.org\"]".getBytes());
    assertThat(PersonalData.why("contact", examples)).hasValueSatisfying(why -> assertThat(why).contains("e-mail address"));
    assertThat(PersonalData.why("x", DocumentFormat.JSON.read("[\"+49 30 1234567\"]".getBytes()))).isPresent();
    assertThat(PersonalData.why("x", DocumentFormat.JSON.read("[\"10.0.12.7\"]".getBytes()))).isPresent();
    assertThat(PersonalData.why("day", DocumentFormat.JSON.read("[\"2026-11-25\"]".getBytes()))).isEmpty();
  }

  @Test
  void aContractFallsShortAtEveryPlaceAtOnce() {
    DataContract contract = DataContract.from(DocumentFormat.YAML.read("""
        apiVersion: v3.1.0
        kind: DataContract
        id: lines
        version: 1.0.0
        status: active
        domain: orders
        schema:
          - name: lines
            properties:
              - name: order_id
                description: The order.
              - name: customer_email
              - name: address
                properties:
                  - name: street
                    description: Street and number.
        """.getBytes()));
    Map<String, List<String>> found = new HashMap<>();
    for (GovernanceRule rule : Governance.DEFAULT_RULES) {
      if (rule.appliesTo() == Target.CONTRACT) {
        found.put(rule.id(), rule.check(contract.document()).stream().map(Violation::pointer).toList());
      }
    }
    assertThat(found.get("properties-described")).containsExactly("/schema/0/properties/1/description", "/schema/0/properties/2/description");
    assertThat(found.get("personal-data-classified")).containsExactly("/schema/0/properties/1/classification",
        "/schema/0/properties/2/classification", "/schema/0/properties/2/properties/0/classification");
    assertThat(found.get("sla-and-quality")).containsExactly("/slaProperties", "/schema");
  }

  @Test
  void aRuleIsValidatedWithEveryProblemAtOnce() {
    assertThatThrownBy(() -> GovernanceRule.from("Bad Id", new JsonObject().put("kind", "required-field").put("colour", "blue")))
        .isInstanceOfSatisfying(InvalidException.class, e -> assertThat(e.violations()).extracting(Violation::pointer)
            .containsExactlyInAnyOrder("/id", "/colour", "/appliesTo", "/pointer"));
    GovernanceRule purpose = GovernanceRule.from("purpose-stated", new JsonObject().put("kind", "required-field")
        .put("appliesTo", "product").put("pointer", "/description/purpose").put("domain", "orders"));
    assertThat(purpose.appliesToDomain("orders")).isTrue();
    assertThat(purpose.appliesToDomain("leads")).isFalse();
    assertThat(purpose.check(DocumentFormat.YAML.read("description: {purpose: ''}".getBytes())))
        .containsExactly(new Violation("/description/purpose", "is required by the rule 'purpose-stated'"));
  }
}
