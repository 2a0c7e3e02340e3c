package io.meshwork.portal.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * The mesh node's HTTP API as the portal's features call it: every failure, whether an error answer
 * or no answer at all, arrives as a {@link NodeException}.
 */
public final class NodeApi {

    private final URI nodeUrl;
    private final RestClient client;

    private NodeApi(URI nodeUrl, RestClient client) {
        this.nodeUrl = nodeUrl;
        this.client = client;
    }

    /**
     * @param builder a builder that already carries what authenticates and traces the calls
     */
    public static NodeApi create(URI nodeUrl, RestClient.Builder builder, ObjectMapper json) {
        return new NodeApi(nodeUrl, builder
                .baseUrl(nodeUrl.toString())
                .defaultStatusHandler(HttpStatusCode::isError, new ProblemResponseHandler(json))
                .build());
    }

    public <T> T call(Function<RestClient, T> call) {
        try {
            return call.apply(client);
        } catch (ResourceAccessException unreachable) {
            throw NodeException.unreachable(nodeUrl, unreachable);
        } catch (ClientAuthorizationException noToken) {
            // Keycloak's session ended (idle or revoked): no access token can be had any more
            throw NodeException.signInExpired(noToken);
        }
    }

    /** GETs a JSON document (an empty answer reads as a missing node). */
    public JsonNode getJson(String uri, Object... variables) {
        return call(api -> api.get()
                .uri(uri, variables)
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .body(JsonNode.class));
    }

    /** GETs a JSON document with these query parameters (encoded once, here). */
    public JsonNode getJson(String path, Map<String, ?> query) {
        return call(api -> api.get()
                .uri(withQuery(path, query), query)
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .body(JsonNode.class));
    }

    /** {@code path?name={name}&…}: a URI template whose query parameters expand from the map, encoded once. */
    static String withQuery(String path, Map<String, ?> query) {
        return query.isEmpty() ? path
                : path + "?" + query.keySet().stream().map(name -> name + "={" + name + "}").collect(Collectors.joining("&"));
    }

    /**
     * Sends a JSON body (none when null) and reads the JSON answer; a 204 reads as null.
     */
    public JsonNode sendJson(HttpMethod method, String uri, Object body, Object... variables) {
        return call(api -> {
            var request = api.method(method).uri(uri, variables).accept(MediaType.APPLICATION_JSON);
            if (body != null) {
                request.contentType(MediaType.APPLICATION_JSON).body(body);
            }
            return request.retrieve().body(JsonNode.class);
        });
    }

    /** Sends a text body of this type (a YAML document) and reads the JSON answer. */
    public JsonNode sendText(HttpMethod method, String uri, MediaType type, String body, Object... variables) {
        return call(api -> api.method(method)
                .uri(uri, variables)
                .accept(MediaType.APPLICATION_JSON)
                .contentType(type)
                .body(body)
                .retrieve()
                .body(JsonNode.class));
    }
}
