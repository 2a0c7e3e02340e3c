package io.meshwork.portal.catalog;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AccessDeniedErrorRouter;
import io.meshwork.portal.layout.MainLayout;
import io.meshwork.portal.node.NodeException;
import jakarta.annotation.security.PermitAll;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The data products of the mesh, as the signed-in user may see them. */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Catalog | Meshwork")
@PermitAll
@AccessDeniedErrorRouter
public class CatalogView extends VerticalLayout {

    private final CatalogClient catalog;
    final Grid<ProductSummary> grid = new Grid<>(ProductSummary.class, false);
    final Span status = new Span();
    final Notification error = new Notification();

    public CatalogView(CatalogClient catalog) {
        this.catalog = catalog;
        setSizeFull();
        configureGrid();
        status.setId("catalog-status");
        error.addThemeVariants(NotificationVariant.LUMO_ERROR);
        error.setPosition(Notification.Position.TOP_CENTER);
        error.setDuration(10_000);
        add(new H2("Data products"), status, grid);
        refresh();
    }

    private void configureGrid() {
        grid.setId("catalog-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setSizeFull();
        grid.addColumn(ProductSummary::name).setHeader("Name").setSortable(true).setAutoWidth(true);
        grid.addColumn(ProductSummary::id).setHeader("Id").setAutoWidth(true);
        grid.addColumn(ProductSummary::domain).setHeader("Domain").setSortable(true).setAutoWidth(true);
        grid.addColumn(ProductSummary::status).setHeader("Status").setAutoWidth(true);
        grid.addColumn(ProductSummary::team).setHeader("Team").setAutoWidth(true);
        grid.addColumn(ProductSummary::purpose).setHeader("Purpose").setFlexGrow(3)
                .setTooltipGenerator(ProductSummary::purpose);
        grid.addColumn(product -> String.join(", ", product.tags())).setHeader("Tags").setAutoWidth(true);
        grid.addComponentColumn(CatalogView::requestAccessLink).setHeader("Access").setAutoWidth(true).setFlexGrow(0)
                .setFrozenToEnd(true);
    }

    /** A plain link to the product's page (bookmarkable), where access is requested. */
    private static Anchor requestAccessLink(ProductSummary product) {
        Anchor link = new Anchor("product/" + URLEncoder.encode(product.id(), StandardCharsets.UTF_8), "Request access");
        link.setId("request-" + product.id());
        link.getElement().setAttribute("aria-label", "Request access to " + product.name());
        return link;
    }

    /** Reads the catalog again; runs on the request thread, where the user's token is at hand. */
    void refresh() {
        try {
            CatalogClient.ProductPage page = catalog.products();
            grid.setItems(page.items());
            grid.setVisible(!page.items().isEmpty());
            status.setText(page.items().isEmpty() ? "No data products yet"
                    : page.total() > page.items().size()
                            ? "Showing " + page.items().size() + " of " + page.total() + " data products"
                            : page.total() + " data products");
        } catch (NodeException failure) {
            grid.setItems();
            grid.setVisible(false);
            status.setText("Could not load the catalog.");
            error.setText(failure.getMessage()
                    + (failure.traceId() == null ? "" : " (trace id " + failure.traceId() + ")"));
            error.open();
        }
    }
}
