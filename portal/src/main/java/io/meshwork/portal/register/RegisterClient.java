package io.meshwork.portal.register;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.portal.node.NodeApi;
import io.meshwork.portal.node.NodeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * The catalog's write API as the register wizard uses it, with the owner's token. Checking is the
 * node's dry run and publishing its idempotent PUT of the YAML as written; their problem (errors[]
 * with pointers, or 409 with breakingChanges) comes back as a {@link NodeException}.
 */
@Component
public class RegisterClient {

    private final NodeApi node;

    public RegisterClient(NodeApi node) {
        this.node = node;
    }

    /** Registers or updates the document; answers whether it was new (201) — the node stores it as sent. */
    public JsonNode publish(YamlDocument.Kind kind, String id, String yaml) {
        return node.sendText(HttpMethod.PUT, "/api/v1/" + kind.collection + "/{id}", MediaType.parseMediaType("application/yaml"),
                yaml, id);
    }

    /**
     * The node's dry run of the document: every registration check, nothing stored. Answers what
     * publishing would do ({@code outcome}, {@code changes}, {@code breaking}); a document the node
     * would refuse comes back as the {@link NodeException} publishing would get.
     */
    public JsonNode dryRun(YamlDocument.Kind kind, String id, String yaml) {
        return node.sendText(HttpMethod.POST, "/api/v1/" + kind.collection + "/{id}/dry-run",
                MediaType.parseMediaType("application/yaml"), yaml, id);
    }

    /** The registered contracts' ids, for the form's contract choice. */
    public List<String> contractIds() {
        List<String> ids = new ArrayList<>();
        node.getJson("/api/v1/contracts", Map.of("limit", 500)).path("items").forEach(c -> ids.add(c.path("id").asText()));
        return ids;
    }

    /** The stored version of a contract, or empty when it is new. */
    public String storedVersion(String contractId) {
        try {
            return node.getJson("/api/v1/contracts/{id}", contractId).path("version").asText("");
        } catch (NodeException failure) {
            if (failure.status() == 404) {
                return "";
            }
            throw failure;
        }
    }
}
