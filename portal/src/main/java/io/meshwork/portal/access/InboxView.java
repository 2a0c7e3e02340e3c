package io.meshwork.portal.access;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AccessDeniedErrorRouter;
import io.meshwork.portal.layout.MainLayout;
import io.meshwork.portal.layout.Problems;
import io.meshwork.portal.node.NodeException;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;

/** Domain owners' inbox: the pending requests of their domains, to approve (narrowed) or deny. */
@Route(value = "inbox", layout = MainLayout.class)
@PageTitle("Inbox | Meshwork")
@RolesAllowed(InboxView.ROLE)
@AccessDeniedErrorRouter
public class InboxView extends VerticalLayout {

    public static final String ROLE = "domain-owner";

    private final AccessClient access;
    final Grid<AccessRequestRecord> pending = new Grid<>(AccessRequestRecord.class, false);
    final Span status = new Span();
    final Dialog dialog = new Dialog();

    public InboxView(AccessClient access) {
        this.access = access;
        setSizeFull();
        configureGrid();
        status.setId("inbox-status");
        dialog.setId("decision-dialog");
        dialog.setWidth("720px");
        add(new H2("Access requests to decide"), status, pending);
        refresh();
    }

    private void configureGrid() {
        pending.setId("inbox-grid");
        pending.setAllRowsVisible(true);
        pending.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        pending.addColumn(AccessRequestRecord::requesterName).setHeader("Requester").setAutoWidth(true);
        pending.addColumn(AccessRequestRecord::productId).setHeader("Product").setAutoWidth(true);
        pending.addColumn(AccessRequestRecord::port).setHeader("Port").setAutoWidth(true);
        pending.addColumn(AccessRequestRecord::purpose).setHeader("Purpose").setAutoWidth(true);
        pending.addColumn(r -> r.durationDays() + " d").setHeader("Days").setAutoWidth(true);
        pending.addColumn(r -> r.columns().isEmpty() ? "all" : String.join(", ", r.columns())).setHeader("Columns").setFlexGrow(2);
        pending.addColumn(AccessRequestRecord::justification).setHeader("Justification").setFlexGrow(2)
                .setTooltipGenerator(AccessRequestRecord::justification);
        pending.addColumn(r -> String.join("; ", r.policyFeedback())).setHeader("Policy feedback").setFlexGrow(2)
                .setTooltipGenerator(r -> String.join("\n", r.policyFeedback()));
        pending.addComponentColumn(this::decideButton).setHeader("").setAutoWidth(true);
    }

    private Button decideButton(AccessRequestRecord request) {
        Button decide = new Button("Decide", click -> openDecision(request));
        decide.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
        decide.addClassName("inbox-decide");
        decide.setAriaLabel("Approve or deny " + request.requesterName() + "'s request for " + request.productId());
        return decide;
    }

    void openDecision(AccessRequestRecord request) {
        List<String> portColumns;
        try {
            portColumns = request.columns().isEmpty() ? portColumns(request) : request.columns();
        } catch (NodeException failure) {
            Problems.show(failure);
            return;
        }
        DecisionForm form = new DecisionForm(request, portColumns);
        form.addApproveListener(approve -> decide(form, () -> access.approve(request.id(), approve.approval()), "Approved"));
        form.addDenyListener(deny -> decide(form, () -> access.deny(request.id(), deny.reason()), "Denied"));
        dialog.removeAll();
        dialog.setHeaderTitle(request.requesterName() + " asks for " + request.productId() + " / " + request.port()
                + " for " + request.purpose());
        dialog.add(form);
        dialog.open();
    }

    private List<String> portColumns(AccessRequestRecord request) {
        return access.ports(request.productId()).ports().stream()
                .filter(port -> port.name().equals(request.port()))
                .findFirst()
                .map(OutputPort::columnNames)
                .orElse(List.of());
    }

    private void decide(DecisionForm form, Runnable decision, String done) {
        try {
            decision.run();
            dialog.close();
            Problems.done(done);
            refresh();
        } catch (NodeException failure) {
            List<String> elsewhere = form.showProblem(failure);
            if (!elsewhere.isEmpty()) {
                Problems.show(failure.title(), elsewhere, failure.traceId());
            }
        }
    }

    void refresh() {
        try {
            List<AccessRequestRecord> items = access.toApprove();
            pending.setItems(items);
            pending.setVisible(!items.isEmpty());
            status.setText(items.isEmpty() ? "Nothing to decide." : items.size() + " pending request(s)");
        } catch (NodeException failure) {
            pending.setVisible(false);
            status.setText("Could not load the requests to decide.");
            Problems.show(failure);
        }
    }
}
