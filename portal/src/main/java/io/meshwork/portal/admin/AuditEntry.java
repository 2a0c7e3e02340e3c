package io.meshwork.portal.admin;

import com.fasterxml.jackson.databind.JsonNode;

/** One line of the audit log: who did what to which product, when, and the trace of the call. */
public record AuditEntry(String at, String action, String actor, String principal, String productId, String port,
        String domain, String details, String traceId) {

    static AuditEntry fromJson(JsonNode json) {
        return new AuditEntry(json.path("at").asText(), json.path("action").asText(), json.path("actor").asText(""),
                json.path("principal").asText(""), json.path("productId").asText(""), json.path("port").asText(""),
                json.path("domain").asText(""), json.path("details").isMissingNode() ? "" : json.path("details").toString(),
                json.path("traceId").asText(""));
    }
}
