package io.meshwork.portal.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A pipeline's identity (client credentials); {@code secret} only in the answer that creates or rotates it. */
public record ServiceAccount(String id, String clientId, String domain, String name, String description,
        List<String> roles, boolean enabled, String secret, String tokenEndpoint) {

    public ServiceAccount {
        roles = List.copyOf(roles);
    }

    static ServiceAccount fromJson(JsonNode json) {
        return new ServiceAccount(json.path("id").asText(), json.path("clientId").asText(), json.path("domain").asText(""),
                json.path("name").asText(""), json.path("description").asText(""), User.strings(json.path("roles")),
                json.path("enabled").asBoolean(true), json.path("secret").asText(""), json.path("tokenEndpoint").asText(""));
    }
}
