package io.meshwork.portal.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.portal.security.UserTokens;
import java.util.Map;
import org.springframework.http.MediaType;

/**
 * Node calls from a background thread (a pushed progress update), where no HTTP request is in progress
 * and the usual interceptor cannot find the user's token: the view takes the access token on its
 * request thread ({@link #currentToken()}) and hands it to {@link #getJson} explicitly.
 */
public final class BackgroundNode {

    private final NodeApi node;
    private final UserTokens tokens;

    BackgroundNode(NodeApi node, UserTokens tokens) {
        this.node = node;
        this.tokens = tokens;
    }

    /** The signed-in user's access token, refreshed if needed; call on a request thread. */
    public String currentToken() {
        try {
            return tokens.current();
        } catch (IllegalStateException noToken) {
            throw NodeException.signInExpired(noToken);
        }
    }

    public JsonNode getJson(String token, String uri, Object... variables) {
        return node.call(api -> api.get()
                .uri(uri, variables)
                .header("Authorization", "Bearer " + token)
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .body(JsonNode.class));
    }

    /** GETs a JSON document with these query parameters, as {@link NodeApi#getJson(String, Map)} does. */
    public JsonNode getJson(String token, String path, Map<String, ?> query) {
        return node.call(api -> api.get()
                .uri(NodeApi.withQuery(path, query), query)
                .header("Authorization", "Bearer " + token)
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .body(JsonNode.class));
    }
}
