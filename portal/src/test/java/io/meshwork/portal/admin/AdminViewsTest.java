package io.meshwork.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.data.provider.Query;
import io.meshwork.portal.node.NodeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Identity providers, policies and the audit browser against a fake client, without a browser. */
class AdminViewsTest {

    private final UI ui = new UI();
    private final FakeAdminClient admin = new FakeAdminClient();

    @BeforeEach
    void enterUi() {
        UI.setCurrent(ui);
    }

    @AfterEach
    void leaveUi() {
        UI.setCurrent(null);
    }

    @Test
    void noProviderYetSaysWhatThatMeans() {
        var view = new IdentityProvidersView(admin);

        assertThat(view.grid.isVisible()).isFalse();
        assertThat(view.status.getText()).startsWith("No identity provider is federated yet");
    }

    @Test
    void anAddedProviderAppearsInTheList() {
        var view = new IdentityProvidersView(admin);
        view.openForm();
        view.form.alias.setValue("company-sso");
        view.form.discoveryUrl.setValue("https://sso.example.com/.well-known/openid-configuration");
        view.form.clientId.setValue("meshwork");
        view.form.clientSecret.setValue("s3cret");

        view.form.save.click();

        assertThat(rows(view.grid)).extracting(Provider::alias).containsExactly("company-sso");
        assertThat(view.status.getText()).isEqualTo("1 provider(s)");
        assertThat(view.dialog.isOpened()).isFalse();
    }

    @Test
    void aRefusedProviderKeepsTheDialogOpenWithTheErrorAtItsField() {
        var view = new IdentityProvidersView(admin);
        view.openForm();
        admin.failure = NodeException.invalid("The identity provider is invalid",
                List.of(new NodeException.FieldError("/alias", "already taken")));

        view.create(Map.of("alias", "company-sso"));

        assertThat(view.form.alias.getErrorMessage()).isEqualTo("already taken");
        assertThat(view.grid.isVisible()).isFalse();
    }

    @Test
    void aPolicyIsSentAsTheNodesBodyForItsKind() {
        var view = new PoliciesView(admin);
        view.id.setValue("at-most-30-days");
        view.kind.setValue("maxDuration");
        view.maxDays.setValue(30);

        view.save.click();

        assertThat(admin.calls).containsExactly("policy at-most-30-days {\"kind\":\"maxDuration\",\"maxDays\":30}");
    }

    @Test
    void aPolicyErrorShowsAtItsField() {
        var view = new PoliciesView(admin);
        view.id.setValue("pii-purposes");
        view.kind.setValue("purposeForClassification");
        admin.failure = NodeException.invalid("The policy is invalid",
                List.of(new NodeException.FieldError("/purposes", "at least one purpose")));

        view.save.click();

        assertThat(view.purposes.isInvalid()).isTrue();
        assertThat(view.purposes.getErrorMessage()).isEqualTo("at least one purpose");
    }

    @Test
    void aConfirmedDeleteDeletesOnlyThePolicyConfirmed() {
        var view = new PoliciesView(admin);
        view.confirmDelete(new Policy("at-most-30-days", "", "maxDuration", "grants last at most 30 days"));
        // cancelled: nothing happens; then another one is confirmed
        view.confirmDelete(new Policy("pii-purposes", "", "purposeForClassification", "pii only for fraud"));
        ComponentUtil.fireEvent(view.confirm, new ConfirmDialog.ConfirmEvent(view.confirm, false));
        view.confirmDelete(new Policy("active-only", "", "requireStatus", "only active products"));
        ComponentUtil.fireEvent(view.confirm, new ConfirmDialog.ConfirmEvent(view.confirm, false));

        assertThat(admin.calls).containsExactly("delete policy pii-purposes", "delete policy active-only");
    }

    @Test
    void aConfirmedDeleteDeletesOnlyTheProviderConfirmed() {
        admin.providers.add(new Provider("company-sso", "oidc", "", true, "", "", "", ""));
        admin.providers.add(new Provider("partner-saml", "saml", "", true, "", "", "", ""));
        var view = new IdentityProvidersView(admin);

        view.confirmDelete(admin.providers.get(0));
        ComponentUtil.fireEvent(view.confirm, new ConfirmDialog.ConfirmEvent(view.confirm, false));
        view.confirmDelete(admin.providers.get(0));
        ComponentUtil.fireEvent(view.confirm, new ConfirmDialog.ConfirmEvent(view.confirm, false));

        assertThat(admin.calls).containsExactly("delete company-sso", "delete partner-saml");
        assertThat(view.grid.isVisible()).isFalse();
    }

    @Test
    void aServiceAccountIsDeletedOnlyOnceConfirmedAndLeavesTheGrid() {
        admin.serviceAccounts.add(account("sa-orders-loader"));
        admin.serviceAccounts.add(account("sa-orders-export"));
        admin.serviceAccounts.add(account("sa-orders-scorer"));
        var view = new ServiceAccountsView(admin);
        assertThat(rows(view.grid)).hasSize(3);

        // cancelled: nothing deleted; then two confirmed in turn, each exactly once
        view.confirmDelete(account("sa-orders-loader"));
        ComponentUtil.fireEvent(view.confirm, new ConfirmDialog.CancelEvent(view.confirm, false));
        view.confirmDelete(account("sa-orders-export"));
        ComponentUtil.fireEvent(view.confirm, new ConfirmDialog.ConfirmEvent(view.confirm, false));
        view.confirmDelete(account("sa-orders-scorer"));
        ComponentUtil.fireEvent(view.confirm, new ConfirmDialog.ConfirmEvent(view.confirm, false));

        assertThat(admin.calls).containsExactly("delete service account sa-orders-export", "delete service account sa-orders-scorer");
        assertThat(rows(view.grid)).extracting(ServiceAccount::id).containsExactly("sa-orders-loader");
        assertThat(view.status.getText()).isEqualTo("1 service account(s)");
    }

    @Test
    void everyServiceAccountActionNamesItsAccountForScreenReaders() {
        admin.serviceAccounts.add(account("sa-orders-loader"));
        var view = new ServiceAccountsView(admin);

        var actions = view.actions(account("sa-orders-loader"));

        assertThat(actions.getChildren().map(c -> c.getElement().getAttribute("aria-label")))
                .containsExactly("Rotate the secret of sa-orders-loader", "Disable sa-orders-loader", "Delete sa-orders-loader");
    }

    private static ServiceAccount account(String id) {
        return new ServiceAccount(id, id, "orders", id.substring("sa-orders-".length()), "", List.of("data-consumer"), true, "", "");
    }

    @Test
    void auditFiltersAreTheUrlsQueryAndWholeUtcDaysForTheNode() {
        var filter = AuditFilter.fromUrlQuery(Map.of("product", "orders-daily", "from", "2026-11-01", "to", "2026-11-02"));

        assertThat(filter.asUrlQuery()).containsExactly(Map.entry("product", "orders-daily"),
                Map.entry("from", "2026-11-01"), Map.entry("to", "2026-11-02"));
        assertThat(filter.asQuery()).containsEntry("from", "2026-11-01T00:00:00Z").containsEntry("to", "2026-11-03T00:00:00Z");
        assertThat(AuditFilter.fromUrlQuery(Map.of("from", "yesterday")).from()).isNull();
        assertThat(new AuditFilter(" ", null, LocalDate.of(2026, 1, 1), null).asQuery()).containsOnlyKeys("from");
    }

    @Test
    void anEmptyAuditLogSaysSo() {
        var view = new AuditView(admin);
        view.load(0);

        assertThat(view.grid.isVisible()).isFalse();
        assertThat(view.status.getText()).isEqualTo("Nothing in the audit log matches these filters.");
        assertThat(view.more.isVisible()).isFalse();
    }

    private static <T> List<T> rows(Grid<T> grid) {
        return grid.getDataProvider().fetch(new Query<>()).toList();
    }
}
