package io.meshwork.portal.admin;

import com.fasterxml.jackson.databind.JsonNode;

/** A federated identity provider as the node describes it (never its secret). */
public record Provider(String alias, String type, String displayName, boolean enabled, String clientId,
        String issuer, String metadataUrl, String redirectUri) {

    static Provider fromJson(JsonNode json) {
        return new Provider(json.path("alias").asText(), json.path("type").asText("oidc"),
                json.path("displayName").asText(""), json.path("enabled").asBoolean(true),
                json.path("clientId").asText(""), json.path("issuer").asText(json.path("idpEntityId").asText("")),
                json.path("metadataUrl").asText(""), json.path("redirectUri").asText(""));
    }

    /** Where it comes from, in one line: its issuer (OIDC) or entity id (SAML). */
    public String source() {
        return issuer.isBlank() ? metadataUrl : issuer;
    }
}
