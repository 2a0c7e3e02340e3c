package io.meshwork.portal.admin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AccessDeniedErrorRouter;
import io.meshwork.portal.layout.MainLayout;
import io.meshwork.portal.layout.Problems;
import io.meshwork.portal.node.NodeException;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit log, newest first, filtered by product, principal and days; the filters are the URL's
 * query ({@code admin/audit?product=orders-daily&from=2026-11-01}) so a filtered view can be shared.
 * Mesh admins see everything, domain owners their domains (the node decides).
 */
@Route(value = "admin/audit", layout = MainLayout.class)
@PageTitle("Audit log | Meshwork")
@RolesAllowed({Roles.MESH_ADMIN, Roles.DOMAIN_OWNER})
@AccessDeniedErrorRouter
public class AuditView extends VerticalLayout implements BeforeEnterObserver {

    static final int PAGE = 100;

    private final AdminClient admin;
    final TextField product = new TextField("Product");
    final TextField principal = new TextField("Principal");
    final DatePicker from = new DatePicker("From (UTC day)");
    final DatePicker to = new DatePicker("To (UTC day)");
    final Button apply = new Button("Filter");
    final Button more = new Button("Older entries");
    final Grid<AuditEntry> grid = new Grid<>(AuditEntry.class, false);
    final Span status = new Span();
    private final List<AuditEntry> entries = new ArrayList<>();
    private AuditFilter filter = AuditFilter.none();

    public AuditView(AdminClient admin) {
        this.admin = admin;
        setSizeFull();
        product.setId("audit-product");
        principal.setId("audit-principal");
        principal.setHelperText("A user name or group path");
        from.setId("audit-from");
        to.setId("audit-to");
        apply.setId("audit-apply");
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        apply.addClickListener(click -> navigate(new AuditFilter(product.getValue(), principal.getValue(), from.getValue(), to.getValue())));
        more.setId("audit-more");
        more.addClickListener(click -> load(entries.size()));
        status.setId("audit-status");
        grid.setId("audit-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        grid.addColumn(AuditEntry::at).setHeader("When (UTC)").setAutoWidth(true);
        grid.addColumn(AuditEntry::action).setHeader("Action").setAutoWidth(true);
        grid.addColumn(AuditEntry::actor).setHeader("By").setAutoWidth(true);
        grid.addColumn(AuditEntry::principal).setHeader("For").setAutoWidth(true);
        grid.addColumn(e -> e.productId() + (e.port().isBlank() ? "" : " / " + e.port())).setHeader("Product / port").setAutoWidth(true);
        grid.addColumn(AuditEntry::details).setHeader("Details").setFlexGrow(3).setTooltipGenerator(AuditEntry::details);
        grid.addColumn(AuditEntry::traceId).setHeader("Trace id").setAutoWidth(true);
        FormLayout filters = new FormLayout(product, principal, from, to, apply);
        filters.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("500px", 2),
                new FormLayout.ResponsiveStep("900px", 5));
        add(new H2("Audit log"), filters, status, grid, more);
    }

    private void navigate(AuditFilter next) {
        getUI().ifPresent(ui -> ui.navigate("admin/audit", QueryParameters.simple(next.asUrlQuery())));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, String> query = new LinkedHashMap<>();
        event.getLocation().getQueryParameters().getParameters().forEach((k, v) -> query.put(k, v.isEmpty() ? "" : v.get(0)));
        filter = AuditFilter.fromUrlQuery(query);
        product.setValue(filter.product());
        principal.setValue(filter.principal());
        from.setValue(filter.from());
        to.setValue(filter.to());
        entries.clear();
        load(0);
    }

    void load(int offset) {
        try {
            List<AuditEntry> page = admin.audit(filter, offset, PAGE);
            entries.addAll(page);
            grid.setItems(entries);
            grid.setVisible(!entries.isEmpty());
            more.setVisible(page.size() == PAGE);
            status.setText(entries.isEmpty() ? "Nothing in the audit log matches these filters."
                    : entries.size() + " entr" + (entries.size() == 1 ? "y" : "ies") + (page.size() == PAGE ? " (more available)" : ""));
        } catch (NodeException failure) {
            grid.setVisible(false);
            more.setVisible(false);
            status.setText("Could not read the audit log.");
            Problems.show(failure);
        }
    }
}
