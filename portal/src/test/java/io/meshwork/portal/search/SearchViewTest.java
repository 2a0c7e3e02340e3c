package io.meshwork.portal.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;
import io.meshwork.portal.node.NodeApi;
import io.meshwork.portal.node.NodeException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/** The search page: its URL is its query, facets narrow it, highlights are rebuilt as text. */
class SearchViewTest {

    private final UI ui = new UI();
    private final List<SearchQuery> asked = new ArrayList<>();
    private SearchResult answer;
    private NodeException failure;

    private final SearchClient client = new SearchClient(
            NodeApi.create(URI.create("http://127.0.0.1:9"), RestClient.builder(), new ObjectMapper()), null) {
        @Override
        public SearchResult search(SearchQuery query) {
            asked.add(query);
            if (failure != null) {
                throw failure;
            }
            return answer;
        }
    };

    @BeforeEach
    void enterUi() {
        UI.setCurrent(ui);
    }

    @AfterEach
    void leaveUi() {
        UI.setCurrent(null);
    }

    @Test
    void theUrlIsTheQuery() {
        SearchQuery query = SearchQuery.fromUrl(Map.of("q", List.of(" orders "), "domain", List.of("orders"),
                "colour", List.of("blue"), "page", List.of("x")));

        assertThat(query.text()).isEqualTo("orders");
        assertThat(query.filters()).containsExactly(Map.entry("domain", "orders"));
        assertThat(query.page()).isEqualTo(1);
        assertThat(query.asParameters()).containsExactly(Map.entry("q", "orders"), Map.entry("domain", "orders"));
        assertThat(query.toggle("domain", "orders").filters()).isEmpty();
        assertThat(query.toggle("tag", "finance").asParameters()).containsEntry("tag", "finance");
        assertThat(query.withPage(3).asParameters()).containsEntry("page", "3");
    }

    @Test
    void highlightsAreRebuiltFromTextNeverAsHtml() {
        List<Component> parts = Highlight.of("Daily <em>orders</em> &amp; <em>returns</em> &lt;script&gt;");

        assertThat(parts).extracting(c -> ((Span) c).getText())
                .containsExactly("Daily ", "orders", " & ", "returns", " <script>");
        assertThat(parts.get(1).getElement().getAttribute("class")).isEqualTo("search-match");
    }

    @Test
    void hitsFacetsAndAStatusInWords() {
        answer = new SearchResult(List.of(new SearchResult.Hit("orders-daily", "Daily orders", "orders", "active",
                "Daily orders, one row per line.", List.of("sales"), List.of("olivia"), 3.2,
                Map.of("name", "Daily <em>orders</em>", "columns", "<em>order</em>_id"))), 1,
                Map.of("domain", List.of(new SearchResult.FacetValue("orders", 1))), false);
        var view = new SearchView(client);

        view.show(new SearchQuery("orders", Map.of(), 1));

        assertThat(view.status.getText()).isEqualTo("1 data product(s) for \u201corders\u201d");
        assertThat(view.hits.getElement().getTextRecursively()).contains("Daily orders").contains("columns: order_id");
        assertThat(view.facets.getElement().getTextRecursively()).contains("Domain").contains("orders (1)");
    }

    @Test
    void noHitSaysWhatToTry() {
        answer = new SearchResult(List.of(), 0, Map.of(), false);
        var view = new SearchView(client);

        view.show(new SearchQuery("zebra", Map.of("domain", "orders"), 1));

        assertThat(view.status.getText()).isEqualTo("No data product matches \u201czebra\u201d (domain orders). Try fewer words or remove a filter.");
    }

    @Test
    void aFailedSearchSaysSo() {
        failure = NodeException.of(503, "Unavailable", null, null);
        var view = new SearchView(client);

        view.show(new SearchQuery("x", Map.of(), 1));

        assertThat(view.status.getText()).isEqualTo("Could not search the catalog.");
    }
}
