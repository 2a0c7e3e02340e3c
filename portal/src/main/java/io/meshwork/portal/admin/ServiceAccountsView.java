package io.meshwork.portal.admin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AccessDeniedErrorRouter;
import io.meshwork.portal.layout.FieldProblems;
import io.meshwork.portal.layout.MainLayout;
import io.meshwork.portal.layout.Problems;
import io.meshwork.portal.node.NodeException;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Map;

/** Service accounts of pipelines: list, create (the secret is shown once), rotate, disable/enable, delete. */
@Route(value = "admin/service-accounts", layout = MainLayout.class)
@PageTitle("Service accounts | Meshwork")
@RolesAllowed({Roles.MESH_ADMIN, Roles.DOMAIN_OWNER})
@AccessDeniedErrorRouter
public class ServiceAccountsView extends VerticalLayout {

    private final AdminClient admin;
    final Grid<ServiceAccount> grid = new Grid<>(ServiceAccount.class, false);
    final Span status = new Span();
    final TextField domain = new TextField("Domain");
    final TextField name = new TextField("Name");
    final MultiSelectComboBox<String> roles = new MultiSelectComboBox<>("Roles");
    final TextField description = new TextField("Description");
    final Button create = new Button("Create");
    final Dialog secretDialog = new Dialog();
    final DeleteConfirmation<ServiceAccount> confirm;

    public ServiceAccountsView(AdminClient admin) {
        this.admin = admin;
        setSizeFull();
        status.setId("accounts-status");
        grid.setId("accounts-grid");
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(ServiceAccount::clientId).setHeader("Client id").setAutoWidth(true);
        grid.addColumn(ServiceAccount::domain).setHeader("Domain").setAutoWidth(true);
        grid.addColumn(a -> String.join(", ", a.roles())).setHeader("Roles").setAutoWidth(true);
        grid.addColumn(ServiceAccount::description).setHeader("Description").setFlexGrow(2);
        grid.addColumn(a -> a.enabled() ? "enabled" : "disabled").setHeader("State").setAutoWidth(true);
        grid.addComponentColumn(this::actions).setAutoWidth(true).setFlexGrow(0);

        domain.setId("account-domain");
        name.setId("account-name");
        name.setHelperText("e.g. orders-loader");
        roles.setId("account-roles");
        roles.setItems(Roles.DOMAIN_OWNER, Roles.DATA_CONSUMER, Roles.SRE);
        description.setId("account-description");
        create.setId("account-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(click -> create());
        secretDialog.setId("secret-dialog");
        confirm = new DeleteConfirmation<>(account -> admin.deleteServiceAccount(account.id()),
                account -> account.clientId() + " deleted", this::refresh);
        confirm.setId("account-delete-confirm");
        FormLayout form = new FormLayout(domain, name, roles, description, create);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("600px", 2));
        add(new H2("Service accounts"), status, grid, new H3("Create a service account"), form);
        refresh();
    }

    HorizontalLayout actions(ServiceAccount account) {
        Button rotate = new Button("Rotate secret", click -> rotate(account));
        rotate.setAriaLabel("Rotate the secret of " + account.clientId());
        Button toggle = new Button(account.enabled() ? "Disable" : "Enable", click -> {
            try {
                admin.setServiceAccountEnabled(account.id(), !account.enabled());
                Problems.done(account.clientId() + (account.enabled() ? " disabled" : " enabled"));
            } catch (NodeException failure) {
                Problems.show(failure);
            }
            refresh();
        });
        toggle.setAriaLabel((account.enabled() ? "Disable " : "Enable ") + account.clientId());
        Button delete = new Button("Delete", click -> confirmDelete(account));
        delete.setAriaLabel("Delete " + account.clientId());
        rotate.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        toggle.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        return new HorizontalLayout(rotate, toggle, delete);
    }

    void confirmDelete(ServiceAccount account) {
        confirm.ask(account, "Delete " + account.clientId() + "?", "Its secret stops working at once and the account"
                + " cannot be restored. Tokens it already holds stay valid until they expire. Disable it instead if the"
                + " pipeline may come back.");
    }

    void create() {
        Map<String, TextField> fields = Map.of("domain", domain, "name", name, "description", description);
        FieldProblems.clear(fields.values());
        roles.setInvalid(false);
        if (roles.getValue().isEmpty()) {
            roles.setErrorMessage("Choose at least one role");
            roles.setInvalid(true);
            return;
        }
        try {
            ServiceAccount created = admin.createServiceAccount(domain.getValue().strip(), name.getValue().strip(),
                    List.copyOf(roles.getValue()), description.getValue());
            showSecretOnce(created);
            name.clear();
            description.clear();
            refresh();
        } catch (NodeException failure) {
            var all = new java.util.HashMap<String, com.vaadin.flow.component.HasValidation>(fields);
            all.put("roles", roles);
            List<String> elsewhere = FieldProblems.show(failure, all);
            if (!elsewhere.isEmpty()) {
                Problems.show(failure.title(), elsewhere, failure.traceId());
            }
        }
    }

    void rotate(ServiceAccount account) {
        try {
            showSecretOnce(admin.rotateSecret(account.id()));
        } catch (NodeException failure) {
            Problems.show(failure);
        }
    }

    /** The one moment the secret is visible: the node never returns it again. */
    void showSecretOnce(ServiceAccount account) {
        TextField secret = new TextField("Client secret");
        secret.setId("account-secret");
        secret.setValue(account.secret());
        secret.setReadOnly(true);
        secret.setWidthFull();
        TextField clientId = new TextField("Client id");
        clientId.setId("account-client-id");
        clientId.setValue(account.clientId());
        clientId.setReadOnly(true);
        clientId.setWidthFull();
        TextField endpoint = new TextField("Token endpoint");
        endpoint.setId("account-token-endpoint");
        endpoint.setValue(account.tokenEndpoint());
        endpoint.setReadOnly(true);
        endpoint.setWidthFull();
        Button close = new Button("I have stored it", click -> secretDialog.close());
        close.setId("secret-close");
        close.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        secretDialog.removeAll();
        secretDialog.getFooter().removeAll();
        secretDialog.setHeaderTitle("Secret of " + account.clientId());
        secretDialog.add(new Paragraph("Copy it into your pipeline's secret store now: it is shown only this once."),
                clientId, secret, endpoint);
        secretDialog.getFooter().add(close);
        secretDialog.setWidth("min(640px, 95vw)");
        secretDialog.open();
    }

    void refresh() {
        try {
            List<ServiceAccount> accounts = admin.serviceAccounts();
            grid.setItems(accounts);
            grid.setVisible(!accounts.isEmpty());
            status.setText(accounts.isEmpty() ? "No service accounts yet: create one for each pipeline that writes to the mesh."
                    : accounts.size() + " service account(s)");
        } catch (NodeException failure) {
            grid.setVisible(false);
            status.setText(failure.status() == 503 ? "Identity administration is not available on this node."
                    : "Could not load the service accounts.");
            Problems.show(failure);
        }
    }
}
