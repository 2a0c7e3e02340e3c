package io.meshwork.portal.access;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.portal.node.NodeApi;
import io.meshwork.portal.node.NodeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * The node's access governance API and the catalog reads the access views need, called with the
 * signed-in user's token. Every method throws {@link NodeException} when the node fails or refuses.
 */
@Component
public class AccessClient {

    private final NodeApi node;

    public AccessClient(NodeApi node) {
        this.node = node;
    }

    /** The product's name (or id) and its output ports with their contracts' columns. */
    public ProductPorts ports(String productId) {
        JsonNode product = get("/api/v1/products/{id}", productId);
        List<OutputPort> ports = new ArrayList<>();
        for (JsonNode port : product.path("outputPorts")) {
            String contractId = port.path("contractId").asText("");
            ports.add(new OutputPort(port.path("name").asText(), contractId,
                    contractId.isEmpty() ? List.of() : columns(get("/api/v1/contracts/{id}", contractId))));
        }
        String name = product.path("name").asText("");
        return new ProductPorts(productId, name.isBlank() ? productId : name, product.path("domain").asText(""), ports);
    }

    private static List<OutputPort.ContractColumn> columns(JsonNode contract) {
        return StreamSupport.stream(contract.path("schema").path(0).path("properties").spliterator(), false)
                .map(column -> new OutputPort.ContractColumn(column.path("name").asText(),
                        column.path("logicalType").asText(""), column.path("classification").asText("")))
                .toList();
    }

    public AccessRequestRecord request(String productId, RequestDraft draft) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("productId", productId);
        body.put("port", draft.getPort());
        body.put("purpose", draft.getPurpose());
        body.put("durationDays", draft.getDurationDays());
        body.put("columns", List.copyOf(draft.getColumns()));
        if (draft.getJustification() != null && !draft.getJustification().isBlank()) {
            body.put("justification", draft.getJustification().strip());
        }
        return AccessRequestRecord.fromJson(post("/api/v1/access-requests", body));
    }

    public List<AccessRequestRecord> myRequests() {
        return requests("mine");
    }

    /** Pending requests of the domains I own. */
    public List<AccessRequestRecord> toApprove() {
        return requests("to-approve");
    }

    private List<AccessRequestRecord> requests(String view) {
        return StreamSupport.stream(get("/api/v1/access-requests?view={view}", view).path("items").spliterator(), false)
                .map(AccessRequestRecord::fromJson)
                .toList();
    }

    public AccessRequestRecord approve(String requestId, Approval approval) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (!approval.columns().isEmpty()) {
            body.put("columns", approval.columns());
        }
        if (!approval.rowFilter().isBlank()) {
            body.put("rowFilter", approval.rowFilter().strip());
        }
        if (approval.durationDays() != null) {
            body.put("durationDays", approval.durationDays());
        }
        return AccessRequestRecord.fromJson(post("/api/v1/access-requests/{id}/approve", body, requestId));
    }

    public AccessRequestRecord deny(String requestId, String reason) {
        return AccessRequestRecord.fromJson(post("/api/v1/access-requests/{id}/deny", Map.of("reason", reason), requestId));
    }

    public AccessRequestRecord withdraw(String requestId) {
        return AccessRequestRecord.fromJson(post("/api/v1/access-requests/{id}/withdraw", Map.of(), requestId));
    }

    /** The grants I hold (for owners and admins also those they oversee), with the masks a read gets now. */
    public List<GrantRecord> grants() {
        return StreamSupport.stream(get("/api/v1/grants").path("items").spliterator(), false)
                .map(GrantRecord::fromJson)
                .map(grant -> grant.active() ? grant.withMasks(masks(grant)) : grant)
                .toList();
    }

    private Map<String, String> masks(GrantRecord grant) {
        try {
            JsonNode decision = post("/api/v1/access/decide",
                    Map.of("productId", grant.productId(), "port", grant.port(), "purpose", grant.purpose()));
            Map<String, String> masks = new LinkedHashMap<>();
            decision.path("masks").fields().forEachRemaining(mask -> masks.put(mask.getKey(), mask.getValue().asText()));
            return masks;
        } catch (NodeException unknown) {
            // the masks are a hint beside the grant; the grant itself still shows
            return Map.of();
        }
    }

    public GrantRecord revoke(String grantId) {
        return GrantRecord.fromJson(node.call(api -> api.delete()
                .uri("/api/v1/grants/{id}", grantId)
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .body(JsonNode.class)));
    }

    /** The purposes the node accepts (its configuration), in the order to offer them. */
    public List<String> purposes() {
        List<String> purposes = new ArrayList<>();
        get("/api/v1/access/purposes").path("purposes").forEach(p -> purposes.add(p.asText()));
        return purposes;
    }

    private JsonNode get(String uri, Object... variables) {
        return node.call(api -> api.get()
                .uri(uri, variables)
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .body(JsonNode.class));
    }

    private JsonNode post(String uri, Object body, Object... variables) {
        return node.call(api -> api.post()
                .uri(uri, variables)
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .body(JsonNode.class));
    }

    /** A product as the request form needs it. */
    public record ProductPorts(String id, String name, String domain, List<OutputPort> ports) {
        public ProductPorts {
            ports = List.copyOf(ports);
        }
    }

    /** What an owner approves: narrower columns (empty: as requested), a row filter (blank: none), fewer days (null: as requested). */
    public record Approval(List<String> columns, String rowFilter, Integer durationDays) {
        public Approval {
            columns = List.copyOf(columns);
            rowFilter = rowFilter == null ? "" : rowFilter;
        }
    }
}
