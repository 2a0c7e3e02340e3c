package io.meshwork.portal.admin;

import com.fasterxml.jackson.databind.JsonNode;

/** What a provider's sign-in gives a user: claim → realm role, claim → domain group, or a username template. */
public record Mapper(String id, String name, String kind, String claim, String value, String role, String group,
        String template) {

    static Mapper fromJson(JsonNode json) {
        return new Mapper(json.path("id").asText(), json.path("name").asText(), json.path("kind").asText(),
                json.path("claim").asText(""), json.path("value").asText(""), json.path("role").asText(""),
                json.path("group").asText(""), json.path("template").asText(""));
    }

    /** The rule in words, e.g. "department = finance → role domain-owner". */
    public String rule() {
        return switch (kind) {
            case "role" -> claim + " = " + value + " → role " + role;
            case "group" -> claim + " = " + value + " → group " + group;
            case "username" -> "username ← " + template;
            default -> kind;
        };
    }
}
