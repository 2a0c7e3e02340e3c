package io.meshwork.portal.product;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwork.portal.node.NodeApi;
import io.meshwork.portal.node.NodeException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.springframework.web.client.RestClient;

/** Product reads from canned JSON; a read without an answer fails like a node without that API (404). */
public class FakeProductReads extends ProductReads {

    private static final ObjectMapper JSON = new ObjectMapper();
    public final Map<String, String> answers = new HashMap<>();

    public FakeProductReads() {
        super(NodeApi.create(URI.create("http://127.0.0.1:9"), RestClient.builder(), JSON));
    }

    private JsonNode answer(String key) {
        String body = answers.get(key);
        if (body == null) {
            throw NodeException.of(404, "Not Found", null, null);
        }
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public JsonNode product(String id) {
        return answer("product " + id);
    }

    @Override
    public JsonNode contract(String id) {
        return answer("contract " + id);
    }

    @Override
    public JsonNode slo(String domain) {
        return answer("slo " + domain);
    }

    @Override
    public JsonNode quality(String productId) {
        return answer("quality " + productId);
    }

    @Override
    public JsonNode lineage(String productId) {
        return answer("lineage " + productId);
    }

    @Override
    public JsonNode productHistory(String productId) {
        return answer("history " + productId);
    }

    @Override
    public JsonNode contractChangelog(String contractId) {
        return answer("changelog " + contractId);
    }
}
