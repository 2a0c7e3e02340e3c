package io.meshwork.portal.register;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.vaadin.flow.component.UI;
import io.meshwork.portal.node.NodeApi;
import io.meshwork.portal.node.NodeException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/** The register wizard against a fake catalog, without a browser. */
class RegisterViewTest {

    private final UI ui = new UI();
    private final FakeCatalog catalog = new FakeCatalog();

    @BeforeEach
    void enterUi() {
        UI.setCurrent(ui);
    }

    @AfterEach
    void leaveUi() {
        UI.setCurrent(null);
    }

    static final class FakeCatalog extends RegisterClient {
        final List<String> published = new ArrayList<>();
        final List<String> checked = new ArrayList<>();
        NodeException failure;
        /** What the next dry runs answer: a refusal, or else this answer (default: would create). */
        NodeException refusal;
        JsonNode answer = JsonNodeFactory.instance.objectNode().put("outcome", "create").put("breaking", false);

        FakeCatalog() {
            super(NodeApi.create(URI.create("http://127.0.0.1:9"), RestClient.builder(), new ObjectMapper()));
        }

        @Override
        public JsonNode publish(YamlDocument.Kind kind, String id, String yaml) {
            published.add(kind + " " + id);
            if (failure != null) {
                NodeException f = failure;
                failure = null;
                throw f;
            }
            return JsonNodeFactory.instance.objectNode().put("id", id).put("name", "Order returns");
        }

        @Override
        public JsonNode dryRun(YamlDocument.Kind kind, String id, String yaml) {
            checked.add(kind + " " + id);
            if (refusal != null) {
                throw refusal;
            }
            return answer;
        }

        @Override
        public List<String> contractIds() {
            return List.of("order-lines-v1", "order-returns-v1");
        }
    }

    @Test
    void nothingToPublishUntilTheTextSaysWhatItIs() {
        var view = new RegisterView(catalog);
        assertThat(view.publish.isEnabled()).isFalse();
        assertThat(view.status.getText()).isEqualTo("Nothing to check yet.");

        view.editor.setValue("name: x\n");
        assertThat(view.publish.isEnabled()).isFalse();
        assertThat(view.editor.isInvalid()).isTrue();
        assertThat(view.problems.getElement().getTextRecursively()).contains("/kind").contains("/id");

        view.editor.setValue(YamlDocumentTest.PRODUCT);
        assertThat(view.publish.isEnabled()).isTrue();
        assertThat(view.publish.getText()).isEqualTo("Publish product order-returns");
    }

    @Test
    void theNodesErrorsShowAtTheirLines() {
        var view = new RegisterView(catalog);
        view.editor.setValue(YamlDocumentTest.PRODUCT);
        catalog.failure = NodeException.invalid("The data product is invalid", List.of(
                new NodeException.FieldError("/outputPorts/0/contractId", "no contract no-such-contract is registered")));

        view.publish.click();

        assertThat(view.problems.getElement().getTextRecursively())
                .contains("line 10 · /outputPorts/0/contractId: no contract no-such-contract is registered");
        assertThat(view.status.getText()).startsWith("Not published");
        assertThat(view.result.isVisible()).isFalse();
    }

    @Test
    void theFormWritesTheDocumentAndTheNodesErrorsShowAtItsFields() {
        var view = new RegisterView(catalog);
        view.source.setSelectedTab(view.formTab);
        view.form.id.setValue("order-returns");
        view.form.name.setValue("Order returns");
        view.form.domain.setValue("orders");
        view.form.port.setValue("returns");
        view.form.contract.setValue("order-lines-v1");

        assertThat(view.editor.getValue()).contains("kind: DataProduct").contains("id: order-returns")
                .contains("contractId: order-lines-v1");
        catalog.failure = NodeException.invalid("The data product is invalid", List.of(
                new NodeException.FieldError("/outputPorts/0/contractId", "belongs to product orders-daily")));
        view.publish.click();
        assertThat(view.form.contract.isInvalid()).isTrue();
        assertThat(view.form.contract.getErrorMessage()).isEqualTo("belongs to product orders-daily");

        view.form.contract.setValue("order-returns-v1");
        view.publish.click();
        assertThat(catalog.published).containsExactly("PRODUCT order-returns", "PRODUCT order-returns");
        assertThat(view.result.getElement().getTextRecursively()).contains("Published data product Order returns (order-returns)");
    }

    @Test
    void aBreakingContractChangeListsTheChanges() {
        var view = new RegisterView(catalog);
        view.editor.setValue("kind: DataContract\nid: order-lines-v1\nversion: 1.1.0\n");
        var problem = JsonNodeFactory.instance.objectNode();
        problem.putArray("breakingChanges").addObject().put("element", "order_lines.amount_eur")
                .put("description", "column removed").put("breaking", true);
        catalog.failure = NodeException.of(409, "Conflict",
                "Breaking changes to contract order-lines-v1 need a new major version (from 1.0.0 to 2.0.0 or later)", problem);

        view.publish.click();

        assertThat(view.breaking.isVisible()).isTrue();
        assertThat(view.breaking.getElement().getTextRecursively())
                .contains("order_lines.amount_eur: column removed").contains("2.0.0");
    }

    @Test
    void theNodesDryRunShowsEveryErrorAtItsFormFieldWhileTypingAndPublishWaitsForTheFix() {
        var view = new RegisterView(catalog);
        view.source.setSelectedTab(view.formTab);
        catalog.refusal = NodeException.invalid("The data product would be refused: 2 problem(s)", List.of(
                new NodeException.FieldError("/outputPorts/0/contractId", "no contract 'order-returns-v9' is registered"),
                new NodeException.FieldError("/description/usage", "is required (rule orders-usage)")));
        view.form.id.setValue("order-returns");
        view.form.name.setValue("Order returns");
        view.form.domain.setValue("orders");
        view.form.port.setValue("returns");
        view.form.contract.setValue("order-returns-v9");

        assertThat(catalog.checked).isNotEmpty().allMatch(c -> c.equals("PRODUCT order-returns"));
        assertThat(view.form.contract.isInvalid()).isTrue();
        assertThat(view.form.contract.getErrorMessage()).isEqualTo("no contract 'order-returns-v9' is registered");
        assertThat(view.form.purpose.isInvalid()).isTrue();
        assertThat(view.form.purpose.getErrorMessage()).isEqualTo("is required (rule orders-usage)");
        assertThat(view.publish.isEnabled()).isFalse();
        assertThat(view.status.getText()).startsWith("The node would refuse it").contains("2 problem(s)");
        assertThat(catalog.published).isEmpty();

        catalog.refusal = null;
        view.form.contract.setValue("order-returns-v1");
        assertThat(view.form.contract.isInvalid()).isFalse();
        assertThat(view.form.purpose.isInvalid()).isFalse();
        assertThat(view.publish.isEnabled()).isTrue();
        assertThat(view.status.getText()).contains("checked by the node: publishing would register it");
    }

    @Test
    void anIncompleteFormIsNotSentToTheNode() {
        var view = new RegisterView(catalog);
        view.source.setSelectedTab(view.formTab);
        view.form.id.setValue("order-returns");
        assertThat(catalog.checked).isEmpty();
        assertThat(view.status.getText()).endsWith("fill in the required fields.");
    }

    @Test
    void anAcceptedBreakingUpdateShowsItsDiffBeforePublishing() {
        var view = new RegisterView(catalog);
        var answer = JsonNodeFactory.instance.objectNode().put("outcome", "update").put("breaking", true);
        var changes = answer.putArray("changes");
        changes.addObject().put("element", "order_lines.customer_email").put("description", "property removed").put("breaking", true);
        changes.addObject().put("element", "order_lines.sku").put("description", "description changed").put("breaking", false);
        catalog.answer = answer;

        view.editor.setValue("kind: DataContract\nid: order-lines-v1\nversion: 2.0.0\n");

        assertThat(view.changes.isVisible()).isTrue();
        assertThat(view.changes.getElement().getTextRecursively())
                .contains("Breaking changes — allowed as version 2.0.0")
                .contains("order_lines.customer_email: property removed (breaking)")
                .contains("order_lines.sku: description changed");
        assertThat(view.publish.isEnabled()).isTrue();
        assertThat(view.status.getText()).contains("publishing would change it (2 change(s)");
    }

    @Test
    void aBreakingChangeRefusedByTheDryRunIsListedAndCannotBePublished() {
        var view = new RegisterView(catalog);
        var problem = JsonNodeFactory.instance.objectNode();
        problem.putArray("breakingChanges").addObject().put("element", "order_lines.customer_email")
                .put("description", "property removed").put("breaking", true);
        catalog.refusal = NodeException.of(409, "Conflict",
                "Breaking changes to contract order-lines-v1 need a new major version (from 1.0.0 to 2.0.0 or later)", problem);

        view.editor.setValue("kind: DataContract\nid: order-lines-v1\nversion: 1.1.0\n");

        assertThat(view.breaking.isVisible()).isTrue();
        assertThat(view.breaking.getElement().getTextRecursively()).contains("order_lines.customer_email: property removed");
        assertThat(view.publish.isEnabled()).isFalse();
        assertThat(view.status.getText()).startsWith("The node would refuse it: the change would break consumers");
    }

    @Test
    void aNodeThatCannotCheckLeavesPublishingToTheNodesAnswer() {
        var view = new RegisterView(catalog);
        catalog.refusal = NodeException.of(404, "Not Found", null, null);
        view.editor.setValue(YamlDocumentTest.PRODUCT);
        assertThat(view.publish.isEnabled()).isTrue();
        assertThat(view.status.getText()).contains("the node could not check it now");
    }

    @Test
    void theFormMapsTheNodesPointersToItsFieldsAndWritesOdps() {
        var form = new ProductDraftForm();
        assertThat(form.fieldAt("/id")).isSameAs(form.id);
        assertThat(form.fieldAt("/name")).isSameAs(form.name);
        assertThat(form.fieldAt("/domain")).isSameAs(form.domain);
        assertThat(form.fieldAt("/status")).isSameAs(form.status);
        assertThat(form.fieldAt("/description/usage")).isSameAs(form.purpose);
        assertThat(form.fieldAt("/team/name")).isSameAs(form.team);
        assertThat(form.fieldAt("/tags/1")).isSameAs(form.tags);
        assertThat(form.fieldAt("/outputPorts/0/contractId")).isSameAs(form.contract);
        assertThat(form.fieldAt("/outputPorts/0/version")).isSameAs(form.port);
        assertThat(form.fieldAt("/support")).isNull();

        form.id.setValue("order-returns");
        form.name.setValue("Order returns");
        form.domain.setValue("orders");
        form.status.setValue("active");
        form.purpose.setValue("Returned order lines");
        form.team.setValue("Orders team");
        form.tags.setValue("orders, returns,");
        form.port.setValue("returns");
        form.contract.setValue("order-returns-v1");
        assertThat(form.isComplete()).isTrue();
        YamlDocument written = YamlDocument.read(form.yaml());
        assertThat(written.quickChecks()).isEmpty();
        assertThat(written.kind()).contains(YamlDocument.Kind.PRODUCT);
        assertThat(form.yaml()).contains("status: active").contains("purpose: Returned order lines").contains("name: Orders team")
                .contains("- orders\n").contains("- returns\n").contains("contractId: order-returns-v1");
        assertThat(written.line("/outputPorts/0/contractId")).isPositive();
    }
}
