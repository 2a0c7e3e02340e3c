package io.meshwork.portal.product;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.UI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A product's sections from canned node answers, without a browser; a missing API empties one section only. */
class ProductDetailsTest {

    private final UI ui = new UI();
    private final FakeProductReads reads = new FakeProductReads();
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String PRODUCT = """
            {"id":"orders-daily","name":"Daily orders","domain":"orders","status":"active",
             "description":{"purpose":"Daily orders, one row per line."},
             "team":{"name":"Orders team","members":[{"username":"olivia","role":"owner"}]},
             "inputPorts":[{"name":"cart-events","contractId":"cart-events-v1"}],
             "outputPorts":[{"name":"order-lines","version":"1.0.0","contractId":"order-lines-v1","type":"tables"}]}""";

    @BeforeEach
    void enterUi() {
        UI.setCurrent(ui);
        reads.answers.put("contract order-lines-v1", """
                {"id":"order-lines-v1","schema":[{"name":"order_lines","properties":[
                  {"name":"order_id","logicalType":"string","required":true},
                  {"name":"customer_email","logicalType":"string","classification":"confidential"}]}]}""");
    }

    @AfterEach
    void leaveUi() {
        UI.setCurrent(null);
    }

    private ProductDetails show() throws Exception {
        var details = new ProductDetails(reads);
        details.show(JSON.readTree(PRODUCT));
        return details;
    }

    @Test
    void theSchemaShowsEachColumnWithItsClassification() throws Exception {
        var details = show();

        assertThat(details.columns).extracting(ProductDetails.Column::name, ProductDetails.Column::classification)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("order_id", ""),
                        org.assertj.core.groups.Tuple.tuple("customer_email", "confidential"));
        assertThat(details.overview.getElement().getTextRecursively()).contains("Owner: Orders team — olivia");
    }

    @Test
    void aMissingApiEmptiesItsSectionAndSaysSo() throws Exception {
        var details = show();

        assertThat(details.quality.getElement().getTextRecursively()).startsWith("Not available: this node does not offer it yet");
        assertThat(details.lineage.getElement().getTextRecursively()).startsWith("Not available");
        assertThat(details.schema.getChildren().count()).isEqualTo(1);
    }

    @Test
    void qualityHistoryIsDrawnOldestFirst() throws Exception {
        reads.answers.put("quality orders-daily", """
                {"score":92.5,"dimensions":{"completeness":100,"validity":85,"uniqueness":null},
                 "history":{"items":[{"at":"2026-11-25T10:00:00Z","score":92.5},{"at":"2026-11-24T10:00:00Z","score":60}]}}""");

        var details = show();

        String text = details.quality.getElement().getTextRecursively();
        assertThat(text).contains("Score 93 / 100").contains("completeness 100").doesNotContain("uniqueness");
        String svg = details.quality.getChildren().filter(c -> c.getId().orElse("").equals("quality-chart")).findFirst()
                .orElseThrow().getElement().getProperty("innerHTML");
        assertThat(svg.indexOf("2026-11-24T10:00:00Z: 60.0")).isLessThan(svg.indexOf("2026-11-25T10:00:00Z: 92.5"));
    }

    @Test
    void theLineageLinksOtherProductsToTheirPages() throws Exception {
        reads.answers.put("lineage orders-daily", """
                {"root":"product:orders-daily","nodes":[
                  {"id":"product:orders-daily","kind":"product","label":"Daily orders"},
                  {"id":"product:cart-events","kind":"product","label":"Cart events"},
                  {"id":"product:order-returns","kind":"product","label":"Order <returns>"}],
                 "edges":[{"from":"product:cart-events","to":"product:orders-daily","kind":"input-port"},
                          {"from":"product:orders-daily","to":"product:order-returns","kind":"input-port"}]}""");

        var details = show();

        String svg = details.lineage.getChildren().findFirst().orElseThrow().getElement().getProperty("innerHTML");
        assertThat(svg).contains("href='product/cart-events'").contains("href='product/order-returns'")
                .doesNotContain("href='product/orders-daily'").contains("Order &lt;returns&gt;");
        var columns = LineageSvg.columns("product:orders-daily", LineageSvg.nodes(JSON.readTree(reads.answers.get("lineage orders-daily"))),
                LineageSvg.edges(JSON.readTree(reads.answers.get("lineage orders-daily"))));
        assertThat(columns).containsEntry("product:cart-events", -1).containsEntry("product:order-returns", 1);
    }

    @Test
    void theSlaShowsTheProductsStatusAndObjectives() throws Exception {
        reads.answers.put("slo orders", """
                {"items":[{"product":"orders-daily","domain":"orders","status":"breached","ports":[{"port":"order-lines",
                  "objectives":[{"property":"latency","value":"1","unit":"d","status":"breached","reason":"last batch 2 days ago"}]}]}]}""");

        var details = show();

        assertThat(details.sla.getElement().getTextRecursively()).contains("SLA breached")
                .contains("order-lines · latency 1 d: breached — last batch 2 days ago");
    }

    @Test
    void versionsListTheProductsAndContractsRevisions() throws Exception {
        reads.answers.put("history orders-daily", """
                {"entries":[{"revision":2,"status":"active","at":"2026-11-25T10:00:00Z","by":"olivia",
                  "changes":[{"element":"description","description":"purpose changed","breaking":false}]}]}""");
        reads.answers.put("changelog order-lines-v1", """
                {"entries":[{"revision":1,"version":"1.0.0","status":"active","at":"2026-11-25T09:00:00Z","by":"ada","summary":"registered 1.0.0"}]}""");

        var details = show();

        assertThat(details.versions.getElement().getTextRecursively()).contains("Product").contains("Contract order-lines-v1");
        assertThat(details.versions.getChildren().filter(c -> c.getId().isPresent()).map(c -> c.getId().get()).toList())
                .containsExactly("product-history", "changelog-order-lines-v1");
    }

    @Test
    void aQualityChartOfOneRunIsCentred() {
        String svg = QualityChart.svg(List.of(new QualityChart.Point("2026-11-25T10:00:00Z", 100)));
        assertThat(svg).contains("class='quality-point'").contains("<title>2026-11-25T10:00:00Z: 100.0</title>");
    }
}
