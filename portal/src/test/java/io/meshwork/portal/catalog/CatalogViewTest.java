package io.meshwork.portal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.data.provider.Query;
import io.meshwork.portal.node.StubNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The catalog view against a stand-in node, without a browser. */
class CatalogViewTest {

    private final StubNode node = new StubNode();
    private final UI ui = new UI();

    @BeforeEach
    void enterUi() {
        UI.setCurrent(ui);
    }

    @AfterEach
    void leaveUi() {
        UI.setCurrent(null);
        node.close();
    }

    @Test
    void listsTheProducts() {
        node.answer(200, "application/json", CatalogClientTest.PRODUCTS);

        var view = new CatalogView(CatalogClientTest.clientOf(node.url()));

        assertThat(rows(view.grid)).extracting(ProductSummary::name).containsExactly("Daily orders", "carts-raw");
        assertThat(view.grid.isVisible()).isTrue();
        assertThat(view.status.getText()).isEqualTo("2 data products");
        assertThat(view.error.isOpened()).isFalse();
    }

    @Test
    void saysWhenThereIsNoProductYet() {
        node.answer(200, "application/json", "{\"items\":[],\"total\":0,\"offset\":0,\"limit\":50}");

        var view = new CatalogView(CatalogClientTest.clientOf(node.url()));

        assertThat(view.grid.isVisible()).isFalse();
        assertThat(view.status.getText()).isEqualTo("No data products yet");
    }

    @Test
    void showsTheNodesProblemAsAnErrorNotification() {
        node.answer(503, "application/problem+json",
                "{\"title\":\"Catalog unavailable\",\"status\":503,\"detail\":\"the index is rebuilding\",\"traceId\":\"abc\"}");

        var view = new CatalogView(CatalogClientTest.clientOf(node.url()));

        assertThat(view.grid.isVisible()).isFalse();
        assertThat(view.status.getText()).isEqualTo("Could not load the catalog.");
        assertThat(view.error.isOpened()).isTrue();
        assertThat(view.error.getElement().getProperty("text"))
                .isEqualTo("Catalog unavailable: the index is rebuilding (trace id abc)");
        assertThat(view.error.getElement().getThemeList()).contains("error");
    }

    private static java.util.List<ProductSummary> rows(Grid<ProductSummary> grid) {
        return grid.getDataProvider().fetch(new Query<>()).toList();
    }
}
