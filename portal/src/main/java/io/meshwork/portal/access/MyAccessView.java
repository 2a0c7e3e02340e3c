package io.meshwork.portal.access;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AccessDeniedErrorRouter;
import io.meshwork.portal.layout.MainLayout;
import io.meshwork.portal.layout.Problems;
import io.meshwork.portal.node.NodeException;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/** My access requests (withdraw while pending) and my grants (revoke), as the node keeps them. */
@Route(value = "access", layout = MainLayout.class)
@PageTitle("My requests & grants | Meshwork")
@PermitAll
@AccessDeniedErrorRouter
public class MyAccessView extends VerticalLayout {

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final AccessClient access;
    final Grid<AccessRequestRecord> requests = new Grid<>(AccessRequestRecord.class, false);
    final Grid<GrantRecord> grants = new Grid<>(GrantRecord.class, false);
    final Span requestsStatus = new Span();
    final Span grantsStatus = new Span();

    public MyAccessView(AccessClient access) {
        this.access = access;
        setSizeFull();
        configureRequests();
        configureGrants();
        requestsStatus.setId("requests-status");
        grantsStatus.setId("grants-status");
        add(new H2("My requests & grants"), new H3("Requests"), requestsStatus, requests,
                new H3("Grants"), grantsStatus, grants);
        refresh();
    }

    private void configureRequests() {
        requests.setId("my-requests");
        requests.setAllRowsVisible(true);
        requests.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        requests.addColumn(AccessRequestRecord::productId).setHeader("Product").setAutoWidth(true);
        requests.addColumn(AccessRequestRecord::port).setHeader("Port").setAutoWidth(true);
        requests.addColumn(AccessRequestRecord::purpose).setHeader("Purpose").setAutoWidth(true);
        requests.addColumn(r -> r.durationDays() + " d").setHeader("Days").setAutoWidth(true);
        requests.addColumn(r -> r.columns().isEmpty() ? "all" : String.join(", ", r.columns()))
                .setHeader("Columns").setFlexGrow(2);
        requests.addColumn(AccessRequestRecord::status).setHeader("Status").setAutoWidth(true);
        requests.addColumn(AccessRequestRecord::decidedBy).setHeader("Decided by").setAutoWidth(true);
        requests.addColumn(AccessRequestRecord::decisionReason).setHeader("Reason").setFlexGrow(2);
        requests.addComponentColumn(this::withdrawButton).setHeader("").setAutoWidth(true);
    }

    Button withdrawButton(AccessRequestRecord request) {
        Button withdraw = new Button("Withdraw", click -> act(() -> access.withdraw(request.id()), "Request withdrawn"));
        withdraw.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        withdraw.setAriaLabel("Withdraw the request for " + request.productId() + " " + request.port());
        withdraw.setVisible(request.pending());
        return withdraw;
    }

    private void configureGrants() {
        grants.setId("my-grants");
        grants.setAllRowsVisible(true);
        grants.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grants.addColumn(GrantRecord::productId).setHeader("Product").setAutoWidth(true);
        grants.addColumn(GrantRecord::port).setHeader("Port").setAutoWidth(true);
        grants.addColumn(GrantRecord::purpose).setHeader("Purpose").setAutoWidth(true);
        grants.addColumn(g -> g.expiresAt() == null ? "" : DAY.format(g.expiresAt())).setHeader("Expires").setAutoWidth(true);
        grants.addColumn(MyAccessView::columnsOf).setHeader("Columns").setFlexGrow(1)
                .setTooltipGenerator(MyAccessView::columnsOf);
        grants.addColumn(g -> g.rowFilter().isEmpty() ? "all rows" : g.rowFilter()).setHeader("Row filter").setAutoWidth(true);
        grants.addColumn(MyAccessView::masksOf).setHeader("Masks now").setAutoWidth(true);
        grants.addColumn(GrantRecord::state).setHeader("State").setAutoWidth(true);
        grants.addComponentColumn(this::revokeButton).setHeader("").setAutoWidth(true);
    }

    static String columnsOf(GrantRecord grant) {
        return grant.columns().isEmpty() ? "all" : String.join(", ", grant.columns());
    }

    /** What a read under the grant gets masked now, e.g. {@code customer_email: partial}; unmasked columns say so. */
    static String masksOf(GrantRecord grant) {
        String masks = grant.masks().entrySet().stream().map(m -> m.getKey() + ": " + m.getValue())
                .sorted().collect(Collectors.joining(", "));
        String unmasked = grant.unmasked().isEmpty() ? "" : "unmasked: " + String.join(", ", grant.unmasked());
        return masks.isEmpty() ? unmasked : unmasked.isEmpty() ? masks : masks + "; " + unmasked;
    }

    Button revokeButton(GrantRecord grant) {
        Button revoke = new Button("Revoke", click -> act(() -> access.revoke(grant.id()), "Grant revoked"));
        revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        revoke.setAriaLabel("Revoke the grant on " + grant.productId() + " " + grant.port());
        revoke.setVisible(grant.active());
        return revoke;
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

    /** Reads both lists again, on the request thread where the user's token is at hand. */
    void refresh() {
        try {
            List<AccessRequestRecord> mine = access.myRequests();
            requests.setItems(mine);
            requests.setVisible(!mine.isEmpty());
            requestsStatus.setText(mine.isEmpty() ? "No requests yet: open a product in the catalog to ask for access."
                    : mine.size() + " request(s)");
            List<GrantRecord> held = access.grants();
            grants.setItems(held);
            // auto widths are measured once; new rows (a revoked state, masks gone) need them measured again
            requests.recalculateColumnWidths();
            grants.recalculateColumnWidths();
            grants.setVisible(!held.isEmpty());
            grantsStatus.setText(held.isEmpty() ? "No grants yet." : held.size() + " grant(s)");
        } catch (NodeException failure) {
            requestsStatus.setText("Could not load your requests and grants.");
            Problems.show(failure);
        }
    }
}
