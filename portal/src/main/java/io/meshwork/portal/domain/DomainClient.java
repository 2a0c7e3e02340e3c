package io.meshwork.portal.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.portal.node.NodeApi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * A domain's people through the node, with the signed-in user's token: the catalog's domains, the
 * identity API's listing of a domain's owners and members, and joining or leaving a domain group.
 */
@Component
public class DomainClient {

    /** One person of a domain: how the node lists them, and the group that puts them there. */
    public record Person(String username, String name, String email, boolean enabled, String group, boolean domainOwnerRole) {
        static Person of(JsonNode p) {
            return new Person(p.path("username").asText(), p.path("name").asText(""), p.path("email").asText(""),
                    p.path("enabled").asBoolean(true), p.path("group").asText(""), p.path("domainOwnerRole").asBoolean(false));
        }
    }

    /** A domain's owners and members. */
    public record People(List<Person> owners, List<Person> members) {}

    private final NodeApi node;

    public DomainClient(NodeApi node) {
        this.node = node;
    }

    /** The catalog's domains with the owners it names, in its order. */
    public Map<String, List<String>> domains() {
        Map<String, List<String>> domains = new LinkedHashMap<>();
        for (JsonNode d : node.getJson("/api/v1/domains").path("items")) {
            List<String> names = new ArrayList<>();
            d.path("owners").forEach(o -> names.add(o.asText()));
            domains.put(d.path("name").asText(), names);
        }
        return domains;
    }

    public People people(String domain) {
        JsonNode answer = node.getJson("/api/v1/identity/domains/{domain}/members", domain);
        List<Person> owners = new ArrayList<>();
        List<Person> members = new ArrayList<>();
        answer.path("owners").forEach(p -> owners.add(Person.of(p)));
        answer.path("members").forEach(p -> members.add(Person.of(p)));
        return new People(owners, members);
    }

    /** Puts the person into the group ({@code /domains/<d>/owners|members}) or takes them out. */
    public void setGroup(String username, String path, boolean join) {
        node.sendJson(join ? HttpMethod.PUT : HttpMethod.DELETE, "/api/v1/identity/users/{username}/groups?path={path}", null,
                username, path);
    }
}
