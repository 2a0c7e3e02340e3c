package io.meshwork.portal.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.data.provider.Query;
import io.meshwork.portal.node.NodeException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The request page, my requests & grants, and the inbox against a fake client, without a browser. */
class AccessViewsTest {

    private final UI ui = new UI();
    private final FakeAccessClient access = new FakeAccessClient();

    @BeforeEach
    void enterUi() {
        UI.setCurrent(ui);
    }

    @AfterEach
    void leaveUi() {
        UI.setCurrent(null);
    }

    private ProductAccessView productPage() {
        var view = new ProductAccessView(access, new io.meshwork.portal.product.FakeProductReads());
        view.setParameter(null, "orders-daily");
        view.form.purpose.setValue("analytics");
        return view;
    }

    @Test
    void aPendingRequestSaysWhoDecides() {
        access.answer = FakeAccessClient.request("r1", "pending", List.of());
        var view = productPage();

        view.form.submit.click();

        assertThat(access.calls).contains("request orders-daily order-lines analytics 30");
        assertThat(view.result.isVisible()).isTrue();
        assertThat(view.result.getElement().getTextRecursively())
                .contains("Requested — waiting for the orders domain owners.");
        assertThat(view.form.isVisible()).isFalse();
    }

    @Test
    void anAutomaticApprovalSaysSoAndPolicyFeedbackShowsAsWarnings() {
        access.answer = FakeAccessClient.request("r1", "approved",
                List.of("policy orders-90-days: grants may last at most 30 days"));
        var view = productPage();

        view.form.submit.click();

        String text = view.result.getElement().getTextRecursively();
        assertThat(text).contains("Approved automatically").contains("grants may last at most 30 days");
        assertThat(view.result.getChildren().filter(c -> c.hasClassName("policy-feedback")).count()).isEqualTo(1);
    }

    @Test
    void theNodesFieldErrorsShowAtTheirFields() {
        var view = productPage();
        access.failure = NodeException.invalid("The request body is invalid",
                List.of(new NodeException.FieldError("/durationDays", "must be between 1 and 90 days")));

        view.form.submit.click();

        assertThat(view.form.duration.isInvalid()).isTrue();
        assertThat(view.form.duration.getErrorMessage()).isEqualTo("must be between 1 and 90 days");
        assertThat(view.result.isVisible()).isFalse();
    }

    @Test
    void offersThePurposesTheNodeAccepts() {
        access.purposes = List.of("analytics", "research");
        var view = new ProductAccessView(access, new io.meshwork.portal.product.FakeProductReads());
        view.setParameter(null, "orders-daily");

        assertThat(view.form.purpose.getListDataView().getItems()).containsExactly("analytics", "research");
    }

    @Test
    void anUnknownProductSaysSo() {
        access.failure = NodeException.invalid("Not found", List.of());
        var view = new ProductAccessView(access, new io.meshwork.portal.product.FakeProductReads());

        view.setParameter(null, "nope");

        assertThat(view.subtitle.getText()).isEqualTo("Could not load this product.");
        assertThat(view.form.isVisible()).isFalse();
    }

    @Test
    void pendingRequestsCanBeWithdrawnAndActiveGrantsRevoked() {
        access.requests = List.of(FakeAccessClient.request("r1", "pending", List.of()),
                FakeAccessClient.request("r2", "denied", List.of()));
        GrantRecord grant = new GrantRecord("g1", "orders-daily", "order-lines", "analytics",
                Instant.parse("2026-12-25T00:00:00Z"), List.of(), List.of(), "channel in ('web')", "active", "olivia",
                Map.of("customer_email", "partial"));
        access.grants = List.of(grant);
        var view = new MyAccessView(access);

        assertThat(rows(view.requests)).hasSize(2);
        assertThat(view.withdrawButton(access.requests.get(0)).isVisible()).isTrue();
        assertThat(view.withdrawButton(access.requests.get(1)).isVisible()).isFalse();
        assertThat(MyAccessView.masksOf(grant)).isEqualTo("customer_email: partial");
        assertThat(view.grantsStatus.getText()).isEqualTo("1 grant(s)");

        view.withdrawButton(access.requests.get(0)).click();
        view.revokeButton(grant).click();

        assertThat(access.calls).containsExactly("withdraw r1", "revoke g1");
        assertThat(view.requestsStatus.getText()).startsWith("No requests yet");
    }

    @Test
    void anOwnerApprovesFromTheInboxWithARowFilter() {
        access.requests = List.of(FakeAccessClient.request("r1", "pending", List.of()));
        var view = new InboxView(access);
        assertThat(view.status.getText()).isEqualTo("1 pending request(s)");

        view.openDecision(access.requests.get(0));
        DecisionForm form = (DecisionForm) view.dialog.getChildren().findFirst().orElseThrow();
        assertThat(form.columns.getListDataView().getItems()).containsExactly("order_id", "customer_email", "amount_eur");
        form.rowFilter.setValue("channel in ('web')");
        form.approve.click();

        assertThat(access.calls).contains("approve r1 " + new AccessClient.Approval(List.of(), "channel in ('web')", null));
        assertThat(view.dialog.isOpened()).isFalse();
        assertThat(view.status.getText()).isEqualTo("Nothing to decide.");
    }

    @Test
    void aRefusedApprovalKeepsTheDialogOpenWithTheErrorAtItsField() {
        access.requests = List.of(FakeAccessClient.request("r1", "pending", List.of()));
        var view = new InboxView(access);
        view.openDecision(access.requests.get(0));
        DecisionForm form = (DecisionForm) view.dialog.getChildren().findFirst().orElseThrow();
        access.failure = NodeException.invalid("The approval is invalid",
                List.of(new NodeException.FieldError("/rowFilter", "unknown column 'country' at position 1")));

        form.rowFilter.setValue("country = 'UK'");
        form.approve.click();

        assertThat(view.dialog.isOpened()).isTrue();
        assertThat(form.rowFilter.isInvalid()).isTrue();
        assertThat(form.rowFilter.getErrorMessage()).isEqualTo("unknown column 'country' at position 1");
    }

    private static <T> List<T> rows(Grid<T> grid) {
        return grid.getDataProvider().fetch(new Query<>()).toList();
    }
}
