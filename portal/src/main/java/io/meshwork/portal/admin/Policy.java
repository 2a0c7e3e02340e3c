package io.meshwork.portal.admin;

import com.fasterxml.jackson.databind.JsonNode;

/** A policy of the mesh (no domain) or of one domain, with the node's description of it in words. */
public record Policy(String id, String domain, String kind, String description) {

    static Policy fromJson(JsonNode json) {
        return new Policy(json.path("id").asText(), json.path("domain").asText(""), json.path("kind").asText(),
                json.path("description").asText(""));
    }

    public boolean global() {
        return domain.isBlank();
    }
}
