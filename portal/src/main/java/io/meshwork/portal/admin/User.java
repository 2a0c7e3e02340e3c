package io.meshwork.portal.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A user of the realm; roles, groups and provider links only when read one by one. */
public record User(String username, String name, String email, boolean enabled, List<String> roles,
        List<String> groups, List<String> providers) {

    public User {
        roles = List.copyOf(roles);
        groups = List.copyOf(groups);
        providers = List.copyOf(providers);
    }

    static User fromJson(JsonNode json) {
        List<String> providers = new ArrayList<>();
        json.path("identityProviderLinks").forEach(l -> providers.add(l.path("identityProvider").asText()));
        return new User(json.path("username").asText(), json.path("name").asText(""), json.path("email").asText(""),
                json.path("enabled").asBoolean(true), strings(json.path("roles")), strings(json.path("groups")), providers);
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
