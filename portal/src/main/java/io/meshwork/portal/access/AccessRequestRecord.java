package io.meshwork.portal.access;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** An access request as the node reports it (requester's view or an owner's inbox). */
public record AccessRequestRecord(String id, String requesterName, String productId, String port, String domain,
        String purpose, String justification, int durationDays, List<String> columns, List<String> policyFeedback,
        String status, String decidedBy, String decisionReason, String grantId) {

    public AccessRequestRecord {
        columns = List.copyOf(columns);
        policyFeedback = List.copyOf(policyFeedback);
    }

    public boolean pending() {
        return "pending".equals(status);
    }

    static AccessRequestRecord fromJson(JsonNode json) {
        return new AccessRequestRecord(json.path("id").asText(),
                json.path("requester").path("name").asText(json.path("requester").path("id").asText("")),
                json.path("productId").asText(""),
                json.path("port").asText(""),
                json.path("domain").asText(""),
                json.path("purpose").asText(""),
                json.path("justification").asText(""),
                json.path("durationDays").asInt(),
                Json.strings(json.path("columns")),
                Json.strings(json.path("policyFeedback")),
                json.path("status").asText(""),
                json.path("decidedBy").asText(""),
                json.path("decisionReason").asText(""),
                json.path("grantId").asText(""));
    }
}
