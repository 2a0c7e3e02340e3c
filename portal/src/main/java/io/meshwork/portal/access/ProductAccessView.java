package io.meshwork.portal.access;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AccessDeniedErrorRouter;
import io.meshwork.portal.layout.MainLayout;
import io.meshwork.portal.layout.Problems;
import io.meshwork.portal.node.NodeException;
import io.meshwork.portal.product.ProductDetails;
import io.meshwork.portal.product.ProductReads;
import jakarta.annotation.security.PermitAll;
import java.util.List;

/** A product's page (bookmarkable: {@code product/<id>}) with the form to request access to one of its ports. */
@Route(value = "product", layout = MainLayout.class)
@PermitAll
@AccessDeniedErrorRouter
public class ProductAccessView extends VerticalLayout implements HasUrlParameter<String>, HasDynamicTitle {

    private final AccessClient access;
    private final ProductReads reads;
    final ProductDetails details;
    final H2 title = new H2();
    final Paragraph subtitle = new Paragraph();
    final RequestAccessForm form = new RequestAccessForm();
    final Div result = new Div();
    final Anchor queryLink = new Anchor("query", "Query it (with a grant)");
    private AccessClient.ProductPorts product;

    public ProductAccessView(AccessClient access, ProductReads reads) {
        this.access = access;
        this.reads = reads;
        this.details = new ProductDetails(reads);
        details.setVisible(false);
        title.setId("product-title");
        result.setId("request-result");
        result.setVisible(false);
        form.setVisible(false);
        form.setMaxWidth("900px");
        form.addSubmitListener(submit -> send(submit.draft()));
        H3 request = new H3("Request access");
        request.setId("request-access");
        queryLink.setId("product-query");
        add(title, subtitle, queryLink, details, request, form, result);
    }

    @Override
    public void setParameter(BeforeEvent event, String productId) {
        try {
            product = access.ports(productId);
            form.setPurposes(access.purposes());
            title.setText(product.name());
            subtitle.setText("Domain " + product.domain() + " · " + product.ports().size() + " output port(s)");
            form.setPorts(product.ports());
            form.setVisible(!product.ports().isEmpty());
            showDetails(productId);
            queryLink.setHref("query?product=" + java.net.URLEncoder.encode(productId, java.nio.charset.StandardCharsets.UTF_8));
            if (product.ports().isEmpty()) {
                subtitle.setText(subtitle.getText() + " — nothing to request");
            }
        } catch (NodeException failure) {
            title.setText(productId);
            subtitle.setText(failure.status() == 404 ? "No such data product." : "Could not load this product.");
            Problems.show(failure);
        }
    }

    /** The product's sections (schema, SLA, quality, lineage, versions); each fails on its own. */
    private void showDetails(String productId) {
        try {
            details.show(reads.product(productId));
            details.setVisible(true);
        } catch (NodeException failure) {
            details.setVisible(false);
        }
    }

    @Override
    public String getPageTitle() {
        return (product == null ? "Product" : product.name()) + " | Meshwork";
    }

    void send(RequestDraft draft) {
        try {
            showResult(access.request(product.id(), draft));
        } catch (NodeException failure) {
            List<String> elsewhere = form.showProblem(failure);
            if (!elsewhere.isEmpty()) {
                Problems.show(failure.title(), elsewhere, failure.traceId());
            }
        }
    }

    private void showResult(AccessRequestRecord request) {
        result.removeAll();
        Span outcome = new Span(switch (request.status()) {
            case "approved" -> "Approved automatically — you can read " + request.port() + " for " + request.purpose()
                    + " now.";
            case "pending" -> "Requested — waiting for the " + request.domain() + " domain owners.";
            default -> "Request " + request.status() + (request.decisionReason().isEmpty() ? "" : ": " + request.decisionReason());
        });
        outcome.setId("request-outcome");
        outcome.getElement().getThemeList().add("approved".equals(request.status()) ? "badge success" : "badge");
        result.add(outcome);
        for (String feedback : request.policyFeedback()) {
            HorizontalLayout line = new HorizontalLayout(VaadinIcon.WARNING.create(), new Span(feedback));
            line.addClassName("policy-feedback");
            line.getStyle().set("color", "var(--lumo-error-text-color)");
            result.add(line);
        }
        Anchor mine = new Anchor("access", "See my requests and grants");
        mine.setId("see-my-access");
        result.add(new Paragraph(mine));
        result.setVisible(true);
        form.setVisible(false);
    }
}
