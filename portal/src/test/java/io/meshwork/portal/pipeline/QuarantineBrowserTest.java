package io.meshwork.portal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.UI;
import io.meshwork.portal.node.NodeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The quarantine browser against canned pages of the node's quarantine API, without a browser. */
class QuarantineBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final UI ui = new UI();
    private final List<String> asked = new ArrayList<>();

    @BeforeEach
    void enterUi() {
        UI.setCurrent(ui);
    }

    @AfterEach
    void leaveUi() {
        UI.setCurrent(null);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Two rows of batch b-7 on the first page, one more after cursor 7.3. */
    private JsonNode page(String port, String batch, int limit, String cursor) {
        asked.add(port + " batch=" + batch + " cursor=" + cursor);
        if (cursor == null) {
            return json("""
                    {"columns":["order_id","sku","amount_eur"],"next":"7.3","items":[
                     {"batchId":"b-7","seq":7,"line":2,"reason":"sku: required; amount_eur: not a valid DECIMAL(12,2)",
                      "values":{"order_id":"q-1","sku":null,"amount_eur":"abc"}},
                     {"batchId":"b-7","seq":7,"line":3,"reason":"line_no: not a valid INTEGER","raw":"q-2,x,S,3",
                      "values":{"order_id":null,"sku":null,"amount_eur":null}}]}""");
        }
        return json("""
                {"columns":["order_id","sku","amount_eur"],"items":[
                 {"batchId":"b-7","seq":7,"line":9,"reason":"sku: required","values":{"order_id":"q-3","sku":null,"amount_eur":"1"}}]}""");
    }

    private static List<String> rows(QuarantineBrowser browser) {
        return browser.grid.getGenericDataView().getItems()
                .map(r -> r.seq() + ":" + r.line() + " " + r.reason() + " " + r.values()).toList();
    }

    @Test
    void rowsShowWithTheirReasonAndRawValuesAndMorePagesOn() {
        var browser = new QuarantineBrowser(this::page);
        browser.show(List.of("order-lines"), Map.of("order-lines", List.of(
                json("{\"id\":\"b-7\",\"rowsQuarantined\":3}"), json("{\"id\":\"b-6\",\"rowsQuarantined\":0}"))));

        assertThat(browser.port.getValue()).isEqualTo("order-lines");
        assertThat(browser.grid.getColumns()).extracting(c -> c.getKey()).contains("reason", "order_id", "sku", "amount_eur");
        assertThat(rows(browser)).containsExactly(
                "7:2 sku: required; amount_eur: not a valid DECIMAL(12,2) {order_id=q-1, sku=null, amount_eur=abc}",
                "7:3 line_no: not a valid INTEGER {order_id=null, sku=null, amount_eur=null}");
        // a record that could not be parsed shows as the line received
        assertThat(browser.grid.getColumnByKey("_raw").getHeaderText()).isEqualTo("As received (unparsable line)");
        assertThat(browser.grid.getGenericDataView().getItems().map(QuarantineBrowser.Row::raw).toList()).containsExactly("", "q-2,x,S,3");
        assertThat(browser.more.isVisible()).isTrue();
        // only batches that quarantined something are offered as a filter
        assertThat(browser.batch.getGenericDataView().getItems().toList()).containsExactly("b-7");

        browser.more.click();
        assertThat(asked).endsWith("order-lines batch=null cursor=7.3");
        assertThat(rows(browser)).hasSize(3);
        assertThat(browser.more.isVisible()).isFalse();
        assertThat(browser.status.getText()).startsWith("3 quarantined row(s)");
    }

    @Test
    void choosingABatchAsksForItsRowsOnly() {
        var browser = new QuarantineBrowser(this::page);
        browser.show(List.of("order-lines"), Map.of("order-lines", List.of(json("{\"id\":\"b-7\",\"rowsQuarantined\":3}"))));
        browser.batch.setValue("b-7");
        assertThat(asked).endsWith("order-lines batch=b-7 cursor=null");
    }

    @Test
    void nothingQuarantinedAndRefusalsAreSaidInWords() {
        var empty = new QuarantineBrowser((port, batch, limit, cursor) -> json("{\"items\":[]}"));
        empty.show(List.of("order-lines"), Map.of());
        assertThat(empty.grid.isVisible()).isFalse();
        assertThat(empty.status.getText()).isEqualTo("Nothing quarantined on order-lines: every row received so far was valid.");

        var refused = new QuarantineBrowser((port, batch, limit, cursor) -> {
            throw NodeException.of(403, "Forbidden", "Only a domain owner", null);
        });
        refused.show(List.of("order-lines"), Map.of());
        assertThat(refused.status.getText()).isEqualTo("Only the domain's owners may see its quarantined rows.");
    }
}
