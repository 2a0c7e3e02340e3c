package io.meshwork.portal.admin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AccessDeniedErrorRouter;
import io.meshwork.portal.layout.MainLayout;
import io.meshwork.portal.layout.Problems;
import io.meshwork.portal.node.NodeException;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;

/** Mesh admins federate identity providers: list, add (OIDC or SAML), mappers, enable/disable, delete. */
@Route(value = "admin/providers", layout = MainLayout.class)
@PageTitle("Identity providers | Meshwork")
@RolesAllowed(Roles.MESH_ADMIN)
@AccessDeniedErrorRouter
public class IdentityProvidersView extends VerticalLayout {

    private final AdminClient admin;
    final Grid<Provider> grid = new Grid<>(Provider.class, false);
    final Span status = new Span();
    final Button add = new Button("Add a provider", VaadinIcon.PLUS.create());
    final Dialog dialog = new Dialog();
    final DeleteConfirmation<Provider> confirm;
    ProviderForm form;

    public IdentityProvidersView(AdminClient admin) {
        this.admin = admin;
        setSizeFull();
        status.setId("providers-status");
        add.setId("add-provider");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.addClickListener(click -> openForm());
        dialog.setId("provider-dialog");
        dialog.setWidth("min(760px, 95vw)");
        Button close = new Button("Close", click -> dialog.close());
        close.setId("provider-dialog-close");
        dialog.getFooter().add(close);
        confirm = new DeleteConfirmation<>(provider -> admin.deleteProvider(provider.alias()),
                provider -> provider.alias() + " deleted", this::refresh);
        confirm.setId("confirm-delete-provider");
        configureGrid();
        add(new HorizontalLayout(new H2("Identity providers"), add), status, grid);
        refresh();
    }

    private void configureGrid() {
        grid.setId("providers-grid");
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(Provider::alias).setHeader("Alias").setAutoWidth(true);
        grid.addColumn(p -> "saml".equals(p.type()) ? "SAML 2.0" : "OIDC").setHeader("Protocol").setAutoWidth(true);
        grid.addColumn(Provider::displayName).setHeader("Button label").setAutoWidth(true);
        grid.addComponentColumn(p -> badge(p.enabled() ? "enabled" : "disabled", p.enabled() ? "badge success" : "badge contrast"))
                .setHeader("State").setAutoWidth(true);
        grid.addColumn(Provider::source).setHeader("Issuer / entity").setFlexGrow(2).setTooltipGenerator(Provider::source);
        grid.addColumn(Provider::redirectUri).setHeader("Redirect URI to register").setFlexGrow(2)
                .setTooltipGenerator(Provider::redirectUri);
        grid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true).setFlexGrow(0);
    }

    private static Span badge(String text, String theme) {
        Span badge = new Span(text);
        badge.getElement().getThemeList().add(theme);
        return badge;
    }

    private HorizontalLayout actions(Provider provider) {
        Button mappers = new Button("Mappers", click -> openMappers(provider));
        mappers.setAriaLabel("Mappers of " + provider.alias());
        Button toggle = new Button(provider.enabled() ? "Disable" : "Enable", click -> setEnabled(provider, !provider.enabled()));
        toggle.setAriaLabel((provider.enabled() ? "Disable " : "Enable ") + provider.alias());
        Button delete = new Button("Delete", click -> confirmDelete(provider));
        delete.setAriaLabel("Delete " + provider.alias());
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        for (Button b : List.of(mappers, toggle, delete)) {
            b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            b.addClassName("provider-" + b.getText().toLowerCase());
        }
        return new HorizontalLayout(mappers, toggle, delete);
    }

    void openForm() {
        form = new ProviderForm();
        form.addSaveListener(save -> create(save.request()));
        dialog.removeAll();
        dialog.setHeaderTitle("Federate an identity provider");
        dialog.add(form);
        dialog.open();
    }

    void create(java.util.Map<String, Object> request) {
        try {
            Provider created = admin.createProvider(request);
            dialog.close();
            Problems.done("Provider " + created.alias() + " added");
            refresh();
        } catch (NodeException failure) {
            List<String> elsewhere = form.showProblem(failure);
            if (!elsewhere.isEmpty()) {
                Problems.show(failure.title(), elsewhere, failure.traceId());
            }
        }
    }

    void setEnabled(Provider provider, boolean enabled) {
        act(() -> admin.setProviderEnabled(provider.alias(), enabled),
                provider.alias() + (enabled ? " enabled" : " disabled"));
    }

    void confirmDelete(Provider provider) {
        confirm.ask(provider, "Delete " + provider.alias() + "?", "Users who signed in through " + provider.alias()
                + " lose their link to it and can no longer sign in that way. This cannot be undone.");
    }

    void openMappers(Provider provider) {
        dialog.removeAll();
        dialog.setHeaderTitle("Mappers of " + provider.alias());
        dialog.add(new MappersPanel(admin, provider.alias()));
        dialog.open();
    }

    private void act(Runnable action, String done) {
        try {
            action.run();
            Problems.done(done);
        } catch (NodeException failure) {
            Problems.show(failure);
        }
        refresh();
    }

    void refresh() {
        try {
            List<Provider> providers = admin.providers();
            grid.setItems(providers);
            grid.setVisible(!providers.isEmpty());
            status.setText(providers.isEmpty()
                    ? "No identity provider is federated yet: people sign in with Meshwork accounts only. Add one to offer \"Sign in with …\"."
                    : providers.size() + " provider(s)");
        } catch (NodeException failure) {
            grid.setVisible(false);
            status.setText(failure.status() == 503 ? "Identity administration is not available on this node: "
                    + failure.getMessage() : "Could not load the identity providers.");
            Problems.show(failure);
        }
    }
}
