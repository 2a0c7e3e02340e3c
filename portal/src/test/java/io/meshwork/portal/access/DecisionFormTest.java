package io.meshwork.portal.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwork.portal.node.NodeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An owner's decision form alone: no browser, no node. */
class DecisionFormTest {

    static final AccessRequestRecord REQUEST = new AccessRequestRecord("r1", "Carlos Consumer", "orders-daily",
            "order-lines", "orders", "analytics", "weekly report", 30, List.of(), List.of(), "pending", "", "", "");

    private final DecisionForm form = new DecisionForm(REQUEST, List.of("order_id", "channel", "amount_eur"));
    private final List<AccessClient.Approval> approvals = new ArrayList<>();
    private final List<String> denials = new ArrayList<>();

    @BeforeEach
    void listen() {
        form.addApproveListener(approve -> approvals.add(approve.approval()));
        form.addDenyListener(deny -> denials.add(deny.reason()));
    }

    @Test
    void approvesAsRequestedByDefault() {
        form.approve.click();

        assertThat(approvals).containsExactly(new AccessClient.Approval(List.of(), "", null));
    }

    @Test
    void approvesNarrowed() {
        form.columns.setValue(Set.of("order_id"));
        form.rowFilter.setValue("channel in ('web')");
        form.duration.setValue(7);

        form.approve.click();

        assertThat(approvals).containsExactly(new AccessClient.Approval(List.of("order_id"), "channel in ('web')", 7));
    }

    @Test
    void offersThePortsColumnsWhenAllWereRequested() {
        assertThat(form.columns.getListDataView().getItems()).containsExactly("order_id", "channel", "amount_eur");
    }

    @Test
    void neverApprovesLongerThanRequested() {
        form.duration.setValue(60);

        form.approve.click();

        assertThat(approvals).isEmpty();
        assertThat(form.duration.isInvalid()).isTrue();
    }

    @Test
    void aDenialNeedsAReason() {
        form.deny.click();

        assertThat(denials).isEmpty();
        assertThat(form.reason.isInvalid()).isTrue();

        form.reason.setValue("  no customer data outside finance ");
        form.deny.click();

        assertThat(denials).containsExactly("no customer data outside finance");
        assertThat(form.reason.isInvalid()).isFalse();
    }

    @Test
    void showsARowFilterErrorAtItsField() {
        form.showProblem(NodeException.invalid("The approval is invalid", List.of(
                new NodeException.FieldError("/rowFilter", "unknown column 'country' at position 1"))));

        assertThat(form.rowFilter.isInvalid()).isTrue();
        assertThat(form.rowFilter.getErrorMessage()).isEqualTo("unknown column 'country' at position 1");
    }
}
