package io.meshwork.portal.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwork.portal.node.NodeApi;
import io.meshwork.portal.node.NodeException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.client.RestClient;

/** An access client that answers from memory and records what the views asked of it. */
class FakeAccessClient extends AccessClient {

    ProductPorts product = new ProductPorts("orders-daily", "Daily orders", "orders",
            List.of(RequestAccessFormTest.ORDER_LINES));
    AccessRequestRecord answer;
    NodeException failure;
    List<AccessRequestRecord> requests = new ArrayList<>();
    List<GrantRecord> grants = new ArrayList<>();
    final List<String> calls = new ArrayList<>();
    List<String> purposes = Purpose.DEFAULTS;

    FakeAccessClient() {
        super(NodeApi.create(URI.create("http://127.0.0.1:9"), RestClient.builder(), new ObjectMapper()));
    }

    private void failIfAsked() {
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public List<String> purposes() {
        return purposes;
    }

    @Override
    public ProductPorts ports(String productId) {
        calls.add("ports " + productId);
        failIfAsked();
        return product;
    }

    @Override
    public AccessRequestRecord request(String productId, RequestDraft draft) {
        calls.add("request " + productId + " " + draft.getPort() + " " + draft.getPurpose() + " " + draft.getDurationDays());
        failIfAsked();
        return answer;
    }

    @Override
    public List<AccessRequestRecord> myRequests() {
        return requests;
    }

    @Override
    public List<AccessRequestRecord> toApprove() {
        return requests;
    }

    @Override
    public List<GrantRecord> grants() {
        return grants;
    }

    @Override
    public AccessRequestRecord withdraw(String requestId) {
        calls.add("withdraw " + requestId);
        requests = List.of();
        return null;
    }

    @Override
    public GrantRecord revoke(String grantId) {
        calls.add("revoke " + grantId);
        return null;
    }

    @Override
    public AccessRequestRecord approve(String requestId, Approval approval) {
        calls.add("approve " + requestId + " " + approval);
        failIfAsked();
        requests = List.of();
        return null;
    }

    @Override
    public AccessRequestRecord deny(String requestId, String reason) {
        calls.add("deny " + requestId + " " + reason);
        requests = List.of();
        return null;
    }

    static AccessRequestRecord request(String id, String status, List<String> feedback) {
        return new AccessRequestRecord(id, "carlos", "orders-daily", "order-lines", "orders", "analytics",
                "weekly report", 60, List.of(), feedback, status, "", "", "");
    }
}
