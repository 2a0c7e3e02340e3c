package io.meshwork.portal.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwork.portal.node.NodeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The request form alone: no browser, no node. */
class RequestAccessFormTest {

    static final OutputPort ORDER_LINES = new OutputPort("order-lines", "order-lines-v1", List.of(
            new OutputPort.ContractColumn("order_id", "string", ""),
            new OutputPort.ContractColumn("customer_email", "string", "confidential"),
            new OutputPort.ContractColumn("amount_eur", "number", "")));
    static final OutputPort RETURNS = new OutputPort("returns", "returns-v1", List.of(
            new OutputPort.ContractColumn("return_id", "string", "")));

    private final RequestAccessForm form = new RequestAccessForm();
    private final List<RequestDraft> submitted = new ArrayList<>();

    @BeforeEach
    void listen() {
        form.setPorts(List.of(ORDER_LINES, RETURNS));
        form.addSubmitListener(submit -> submitted.add(submit.draft()));
    }

    @Test
    void choosesTheFirstPortAndOffersItsContractColumns() {
        assertThat(form.port.getValue()).isEqualTo("order-lines");
        assertThat(form.columns.getListDataView().getItems()).containsExactly("order_id", "customer_email", "amount_eur");
        assertThat(form.columns.getItemLabelGenerator().apply("customer_email")).isEqualTo("customer_email (string, confidential)");

        form.port.setValue("returns");

        assertThat(form.columns.getListDataView().getItems()).containsExactly("return_id");
    }

    @Test
    void submitsAValidRequest() {
        form.purpose.setValue("analytics");
        form.duration.setValue(14);
        form.columns.setValue(Set.of("order_id", "amount_eur"));
        form.justification.setValue("weekly revenue report");

        form.submit.click();

        assertThat(submitted).hasSize(1);
        RequestDraft draft = submitted.get(0);
        assertThat(draft.getPort()).isEqualTo("order-lines");
        assertThat(draft.getPurpose()).isEqualTo("analytics");
        assertThat(draft.getDurationDays()).isEqualTo(14);
        assertThat(draft.getColumns()).containsExactlyInAnyOrder("order_id", "amount_eur");
        assertThat(draft.getJustification()).isEqualTo("weekly revenue report");
    }

    @Test
    void noColumnsChosenMeansAll() {
        form.purpose.setValue("reporting");

        form.submit.click();

        assertThat(submitted).singleElement().satisfies(draft -> {
            assertThat(draft.getColumns()).isEmpty();
            assertThat(draft.getDurationDays()).isEqualTo(30);
        });
    }

    @Test
    void refusesAMissingPurposeAndADurationOutOfRange() {
        form.duration.setValue(400);

        form.submit.click();

        assertThat(submitted).isEmpty();
        assertThat(form.purpose.isInvalid()).isTrue();
        assertThat(form.duration.isInvalid()).isTrue();
        assertThat(form.duration.getErrorMessage()).isEqualTo("Between 1 and 365 days");
    }

    @Test
    void showsTheNodesFieldErrorsAtTheirFields() {
        List<String> elsewhere = form.showProblem(NodeException.invalid("The request body is invalid", List.of(
                new NodeException.FieldError("/durationDays", "must be between 1 and 90 days"),
                new NodeException.FieldError("/columns/1", "unknown column 'country'"),
                new NodeException.FieldError("/onBehalfOfGroup", "is not a group of yours"))));

        assertThat(form.duration.isInvalid()).isTrue();
        assertThat(form.duration.getErrorMessage()).isEqualTo("must be between 1 and 90 days");
        assertThat(form.columns.isInvalid()).isTrue();
        assertThat(form.columns.getErrorMessage()).isEqualTo("unknown column 'country'");
        assertThat(elsewhere).containsExactly("/onBehalfOfGroup: is not a group of yours");
    }

    @Test
    void aProblemWithoutFieldsIsShownElsewhere() {
        assertThat(form.showProblem(NodeException.invalid("Forbidden", List.of()))).containsExactly("Forbidden");
    }
}
