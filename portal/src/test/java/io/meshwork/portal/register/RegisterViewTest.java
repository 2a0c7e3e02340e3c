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
        NodeException failure;

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
}
