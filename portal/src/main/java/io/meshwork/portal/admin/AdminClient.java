package io.meshwork.portal.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwork.portal.node.NodeApi;
import io.meshwork.portal.node.NodeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * The node's administration APIs (identity providers and their mappers, users, service accounts,
 * policies, audit), called with the signed-in admin's token. Every method throws {@link NodeException}
 * when the node fails or refuses; the node decides who may do what, the views only follow it.
 */
@Component
public class AdminClient {

    static final String PROVIDERS = "/api/v1/identity/providers";

    private final NodeApi node;

    public AdminClient(NodeApi node) {
        this.node = node;
    }

    // identity providers

    public List<Provider> providers() {
        List<Provider> providers = new ArrayList<>();
        node.getJson(PROVIDERS).path("items").forEach(p -> providers.add(Provider.fromJson(p)));
        return providers;
    }

    public Provider createProvider(Map<String, Object> request) {
        return Provider.fromJson(node.sendJson(HttpMethod.POST, PROVIDERS, request));
    }

    /**
     * Switches a provider on or off: the node replaces a provider's settings as a whole, so its
     * current settings (endpoints, never the secret, which the node keeps) go back with the new state.
     */
    public Provider setProviderEnabled(String alias, boolean enabled) {
        JsonNode current = node.getJson(PROVIDERS + "/{alias}", alias);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("alias", alias);
        body.put("enabled", enabled);
        copy(current, body, "displayName", "syncMode");
        if ("saml".equals(current.path("type").asText())) {
            body.put("type", "saml");
            copy(current, body, "metadataUrl", "entityId", "wantAuthnRequestsSigned", "validateSignature");
            if (!body.containsKey("metadataUrl")) {
                throw NodeException.invalid("This SAML provider was registered with inline metadata",
                        List.of(new NodeException.FieldError("/metadata", "send its metadata again to change it")));
            }
        } else {
            body.put("type", "oidc");
            copy(current, body, "clientId", "authorizationUrl", "tokenUrl", "jwksUrl", "issuer", "userInfoUrl",
                    "logoutUrl", "scopes");
        }
        return Provider.fromJson(node.sendJson(HttpMethod.PUT, PROVIDERS + "/{alias}", body, alias));
    }

    private static void copy(JsonNode from, Map<String, Object> to, String... fields) {
        for (String field : fields) {
            JsonNode value = from.get(field);
            if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
                continue;
            }
            if (value.isArray()) {
                List<String> items = new ArrayList<>();
                value.forEach(v -> items.add(v.asText()));
                to.put(field, items);
            } else if (value.isBoolean()) {
                to.put(field, value.asBoolean());
            } else {
                to.put(field, value.asText());
            }
        }
    }

    public void deleteProvider(String alias) {
        node.sendJson(HttpMethod.DELETE, PROVIDERS + "/{alias}", null, alias);
    }

    public List<Mapper> mappers(String alias) {
        List<Mapper> mappers = new ArrayList<>();
        node.getJson(PROVIDERS + "/{alias}/mappers", alias).path("items").forEach(m -> mappers.add(Mapper.fromJson(m)));
        return mappers;
    }

    public Mapper addMapper(String alias, Map<String, Object> request) {
        return Mapper.fromJson(node.sendJson(HttpMethod.POST, PROVIDERS + "/{alias}/mappers", request, alias));
    }

    public void deleteMapper(String alias, String id) {
        node.sendJson(HttpMethod.DELETE, PROVIDERS + "/{alias}/mappers/{id}", null, alias, id);
    }

    // users

    public UserPage users(String search, int first, int max) {
        Map<String, Object> query = new LinkedHashMap<>();
        if (search != null && !search.isBlank()) {
            query.put("search", search.strip());
        }
        query.put("first", first);
        query.put("max", max);
        JsonNode page = node.getJson("/api/v1/identity/users", query);
        List<User> users = new ArrayList<>();
        page.path("items").forEach(u -> users.add(User.fromJson(u)));
        return new UserPage(users, page.path("total").asLong(users.size()));
    }

    public User user(String username) {
        return User.fromJson(node.getJson("/api/v1/identity/users/{username}", username));
    }

    public void setRole(String username, String role, boolean given) {
        node.sendJson(given ? HttpMethod.PUT : HttpMethod.DELETE, "/api/v1/identity/users/{username}/roles/{role}", null,
                username, role);
    }

    public void setGroup(String username, String groupPath, boolean member) {
        node.sendJson(member ? HttpMethod.PUT : HttpMethod.DELETE, "/api/v1/identity/users/{username}/groups?path={path}",
                null, username, groupPath);
    }

    public void setUserEnabled(String username, boolean enabled) {
        node.sendJson(HttpMethod.POST, "/api/v1/identity/users/{username}/" + (enabled ? "enable" : "disable"), null, username);
    }

    // service accounts

    public List<ServiceAccount> serviceAccounts() {
        List<ServiceAccount> accounts = new ArrayList<>();
        node.getJson("/api/v1/identity/service-accounts").path("items").forEach(a -> accounts.add(ServiceAccount.fromJson(a)));
        return accounts;
    }

    /** Creates an account; the answer is the only time its secret is shown. */
    public ServiceAccount createServiceAccount(String domain, String name, List<String> roles, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("domain", domain);
        body.put("name", name);
        body.put("roles", roles);
        if (description != null && !description.isBlank()) {
            body.put("description", description.strip());
        }
        return ServiceAccount.fromJson(node.sendJson(HttpMethod.POST, "/api/v1/identity/service-accounts", body));
    }

    public ServiceAccount rotateSecret(String id) {
        return ServiceAccount.fromJson(node.sendJson(HttpMethod.POST, "/api/v1/identity/service-accounts/{id}/rotate", null, id));
    }

    public void setServiceAccountEnabled(String id, boolean enabled) {
        node.sendJson(HttpMethod.POST, "/api/v1/identity/service-accounts/{id}/" + (enabled ? "enable" : "disable"), null, id);
    }

    /** Deletes the account's Keycloak client: its secret gets no more tokens. */
    public void deleteServiceAccount(String id) {
        node.sendJson(HttpMethod.DELETE, "/api/v1/identity/service-accounts/{id}", null, id);
    }

    // policies

    public List<Policy> policies() {
        List<Policy> policies = new ArrayList<>();
        node.getJson("/api/v1/policies").path("items").forEach(p -> policies.add(Policy.fromJson(p)));
        return policies;
    }

    public Policy putPolicy(String id, ObjectNode policy) {
        return Policy.fromJson(node.sendJson(HttpMethod.PUT, "/api/v1/policies/{id}", policy, id));
    }

    public void deletePolicy(String id) {
        node.sendJson(HttpMethod.DELETE, "/api/v1/policies/{id}", null, id);
    }

    // audit

    public List<AuditEntry> audit(AuditFilter filter, int offset, int limit) {
        Map<String, Object> query = new LinkedHashMap<>(filter.asQuery());
        query.put("offset", offset);
        query.put("limit", limit);
        List<AuditEntry> entries = new ArrayList<>();
        node.getJson("/api/v1/audit", query).path("items").forEach(e -> entries.add(AuditEntry.fromJson(e)));
        return entries;
    }

    /** One page of a user search, and how many users match in all. */
    public record UserPage(List<User> items, long total) {
        public UserPage {
            items = List.copyOf(items);
        }
    }
}
