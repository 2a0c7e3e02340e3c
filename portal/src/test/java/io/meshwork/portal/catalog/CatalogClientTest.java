package io.meshwork.portal.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwork.portal.node.NodeApi;
import io.meshwork.portal.node.NodeException;
import io.meshwork.portal.node.StubNode;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

class CatalogClientTest {

    static final String PRODUCTS = """
            {"items":[
              {"apiVersion":"v1.0.0","kind":"DataProduct","id":"orders-daily","name":"Daily orders",
               "status":"active","domain":"orders","description":{"purpose":"Orders per day"},
               "tags":["sales","daily"],"team":{"name":"Orders team"}},
              {"apiVersion":"v1.0.0","kind":"DataProduct","id":"carts-raw","status":"draft","domain":"carts"}
            ],"total":2,"offset":0,"limit":50}
            """;

    private final StubNode node = new StubNode();

    @AfterEach
    void stop() {
        node.close();
    }

    static CatalogClient clientOf(URI nodeUrl) {
        return new CatalogClient(NodeApi.create(nodeUrl, RestClient.builder(), new ObjectMapper()));
    }

    @Test
    void readsTheProductsOfTheFirstPage() {
        node.answer(200, "application/json", PRODUCTS);

        var page = clientOf(node.url()).products();

        assertThat(node.lastRequestUri()).isEqualTo("/api/v1/products?offset=0&limit=50");
        assertThat(page.total()).isEqualTo(2);
        assertThat(page.items()).containsExactly(
                new ProductSummary("orders-daily", "Daily orders", "orders", "active", "Orders team",
                        "Orders per day", java.util.List.of("sales", "daily")),
                new ProductSummary("carts-raw", "carts-raw", "carts", "draft", "", "", java.util.List.of()));
    }

    @Test
    void anErrorAnswerBecomesTheNodesProblem() {
        node.answer(403, "application/problem+json", """
                {"type":"https://meshwork.io/problems/forbidden","title":"Forbidden","status":403,
                 "detail":"role data-consumer may not list products","traceId":"4bf92f3577b34da6a3ce929d0e0e4736"}
                """);

        NodeException failure = catchThrowableOfType(NodeException.class, () -> clientOf(node.url()).products());

        assertThat(failure.status()).isEqualTo(403);
        assertThat(failure.title()).isEqualTo("Forbidden");
        assertThat(failure.detail()).isEqualTo("role data-consumer may not list products");
        assertThat(failure.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(failure.getMessage()).isEqualTo("Forbidden: role data-consumer may not list products");
    }

    @Test
    void aValidationProblemKeepsEveryInvalidField() {
        node.answer(400, "application/problem+json", """
                {"title":"The request body is invalid","status":400,"errors":[
                  {"pointer":"/durationDays","reason":"must be between 1 and 365 days"},
                  {"pointer":"/columns/1","reason":"must be a column name"}]}
                """);

        NodeException failure = catchThrowableOfType(NodeException.class, () -> clientOf(node.url()).products());

        assertThat(failure.errors()).containsExactly(
                new NodeException.FieldError("/durationDays", "must be between 1 and 365 days"),
                new NodeException.FieldError("/columns/1", "must be a column name"));
    }

    @Test
    void anErrorAnswerWithoutProblemKeepsItsStatus() {
        node.answer(502, "text/html", "<html>Bad gateway</html>");

        NodeException failure = catchThrowableOfType(NodeException.class, () -> clientOf(node.url()).products());

        assertThat(failure.status()).isEqualTo(502);
        assertThat(failure.getMessage()).isEqualTo("The mesh node answered 502");
    }

    @Test
    void anUnreachableNodeSaysSo() {
        URI nowhere = node.url();
        node.close();

        NodeException failure = catchThrowableOfType(NodeException.class, () -> clientOf(nowhere).products());

        assertThat(failure.status()).isZero();
        assertThat(failure.getMessage()).isEqualTo("The mesh node is unreachable: no answer from " + nowhere);
    }
}
