package io.meshwork.portal.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.UI;
import io.meshwork.portal.access.AccessClient;
import io.meshwork.portal.access.GrantRecord;
import io.meshwork.portal.node.NodeApi;
import io.meshwork.portal.node.NodeException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/** The SQL page against canned answers: granted ports, masks in effect, masked columns marked, refusals at the editor. */
class QueryViewTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final NodeApi NOWHERE = NodeApi.create(URI.create("http://127.0.0.1:9"), RestClient.builder(), JSON);
    private final UI ui = new UI();
    private final List<GrantRecord> grants = new ArrayList<>();
    private final List<String> ran = new ArrayList<>();
    private NodeException refusal;

    private final AccessClient access = new AccessClient(NOWHERE) {
        @Override
        public List<GrantRecord> grants() {
            return grants;
        }

        @Override
        public ProductPorts ports(String productId) {
            return new ProductPorts(productId, productId, "orders", List.of());
        }
    };

    private final QueryClient query = new QueryClient(NOWHERE) {
        @Override
        public JsonNode run(String sql, int limit, String purpose) {
            ran.add(sql + " | " + purpose);
            if (refusal != null) {
                throw refusal;
            }
            try {
                return JSON.readTree("""
                        {"columns":[{"name":"order_id","type":"VARCHAR"},{"name":"customer_email","type":"VARCHAR"}],
                         "rows":[{"order_id":"O-1","customer_email":"a***@example.com"}],"rowCount":1,"truncated":false}""");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String csv(String sql, int limit, String purpose) {
            return "order_id,customer_email\nO-1,a***@example.com\n";
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

    private static GrantRecord grant() {
        return new GrantRecord("g1", "orders-daily", "order-lines", "analytics", Instant.now().plusSeconds(3600), List.of(),
                List.of(), "channel in ('web')", "active", "olivia", Map.of("customer_email", "partial"));
    }

    @Test
    void withoutAGrantThePageSaysHowToGetOne() {
        var view = new QueryView(query, access);
        view.load("");

        assertThat(view.empty.getText()).startsWith("You hold no active grant yet");
        assertThat(view.run.isVisible()).isFalse();
    }

    @Test
    void theMasksAndRowFilterInEffectAreSaidAndMaskedColumnsMarked() {
        grants.add(grant());
        var view = new QueryView(query, access);
        view.load("orders-daily");

        assertThat(view.sql.getValue()).isEqualTo("SELECT * FROM orders.\"orders-daily\".\"order-lines\" LIMIT 100");
        assertThat(view.effects.getElement().getTextRecursively())
                .isEqualTo("In effect for you: customer_email is masked (partial); only rows where channel in ('web').");

        view.run.click();

        assertThat(ran).containsExactly("SELECT * FROM orders.\"orders-daily\".\"order-lines\" LIMIT 100 | analytics");
        assertThat(view.results.getColumnByKey("customer_email").getHeaderText()).isEqualTo("customer_email · masked (partial)");
        assertThat(view.results.getColumnByKey("order_id").getHeaderText()).isEqualTo("order_id");
        assertThat(view.status.getText()).isEqualTo("1 row(s)");
        assertThat(view.download.isVisible()).isTrue();
        assertThat(view.parquet.isVisible()).isTrue();
        assertThat(view.parquet.getText()).isEqualTo("Download Parquet (the whole port, as granted)");
        assertThat(view.parquet.getElement().getAttribute("aria-label")).contains("orders-daily.order-lines.parquet");
    }

    @Test
    void withoutAGrantNoParquetIsOffered() {
        var view = new QueryView(query, access);
        view.load("");
        assertThat(view.parquet.isVisible()).isFalse();
    }

    @Test
    void theParquetDownloadStreamsTheNodesGovernedExportWithThePurpose() throws Exception {
        try (var node = new io.meshwork.portal.node.StubNode()) {
            node.answer(200, "application/vnd.apache.parquet", "PAR1-bytes-PAR1");
            var client = new QueryClient(NodeApi.create(node.url(), RestClient.builder(), JSON));
            var out = new java.io.ByteArrayOutputStream();

            client.parquet("orders-daily", "order-lines", "analytics", out);

            assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("PAR1-bytes-PAR1");
            assertThat(node.lastRequestUri()).isEqualTo("/api/v1/products/orders-daily/ports/order-lines/snapshot.parquet?purpose=analytics");
            assertThat(node.lastRequestHeader("Accept")).contains("application/vnd.apache.parquet");

            node.answer(403, "application/problem+json", "{\"title\":\"Forbidden\",\"status\":403}");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.parquet("orders-daily", "order-lines", "analytics", out))
                    .isInstanceOf(NodeException.class)
                    .satisfies(e -> assertThat(((NodeException) e).status()).isEqualTo(403));
        }
    }

    @Test
    void aRefusedQueryShowsTheReasonAtTheEditor() {
        grants.add(grant());
        var view = new QueryView(query, access);
        view.load("");
        refusal = NodeException.of(400, "The query is refused", "only SELECT statements are allowed", null);

        view.runQuery("DELETE FROM x");

        assertThat(view.sql.isInvalid()).isTrue();
        assertThat(view.sql.getErrorMessage()).isEqualTo("only SELECT statements are allowed");
        assertThat(view.results.isVisible()).isFalse();
    }

    @Test
    void portNamesAreQuotedLikeTheNodeDoes() {
        assertThat(QueryClient.portName("orders", "orders-daily", "order_lines")).isEqualTo("orders.\"orders-daily\".order_lines");
    }
}
