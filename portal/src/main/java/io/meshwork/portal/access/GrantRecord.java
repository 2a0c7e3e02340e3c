package io.meshwork.portal.access;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A grant as the node reports it, with the masks a read under it gets now ({@code column → kind},
 * from the node's decision; empty when none or unknown).
 */
public record GrantRecord(String id, String productId, String port, String purpose, Instant expiresAt,
        List<String> columns, List<String> unmasked, String rowFilter, String state, String approvedBy,
        Map<String, String> masks) {

    public GrantRecord {
        columns = List.copyOf(columns);
        unmasked = List.copyOf(unmasked);
        masks = Map.copyOf(masks);
    }

    public boolean active() {
        return "active".equals(state);
    }

    GrantRecord withMasks(Map<String, String> masks) {
        return new GrantRecord(id, productId, port, purpose, expiresAt, columns, unmasked, rowFilter, state,
                approvedBy, masks);
    }

    static GrantRecord fromJson(JsonNode json) {
        String expires = json.path("expiresAt").asText("");
        return new GrantRecord(json.path("id").asText(),
                json.path("productId").asText(""),
                json.path("port").asText(""),
                json.path("purpose").asText(""),
                expires.isEmpty() ? null : Instant.parse(expires),
                Json.strings(json.path("columns")),
                Json.strings(json.path("unmasked")),
                json.path("rowFilter").asText(""),
                json.path("state").asText(""),
                json.path("approvedBy").asText(""),
                Map.of());
    }
}
