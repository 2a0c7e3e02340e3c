package io.meshwork.portal.signin;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.portal.tracing.TraceContextInterceptor;
import java.net.URI;
import java.util.List;
import java.util.stream.StreamSupport;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The identity providers the node says a sign-in page may offer ({@code GET
 * /api/v1/identity/sign-in-providers}, which needs no token: nobody is signed in yet). Only alias and
 * display name come back; the node keeps everything else to itself.
 */
@Component
public class SignInOptionsClient {

    private final RestClient node;

    public SignInOptionsClient(@Value("${meshwork.node-url}") URI nodeUrl, RestClient.Builder builder, TraceContextInterceptor tracing) {
        // no bearer-token interceptor: there is no signed-in user to take one from
        this.node = builder.baseUrl(nodeUrl.toString()).requestInterceptor(tracing).build();
    }

    /**
     * @throws org.springframework.web.client.RestClientException when the node cannot be reached or
     *         cannot list them (503 without identity administration, or with Keycloak down)
     */
    public List<SignInOption> providers() {
        JsonNode body = node.get()
                .uri("/api/v1/identity/sign-in-providers")
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .body(JsonNode.class);
        return StreamSupport.stream(body.path("items").spliterator(), false)
                .filter(item -> item.hasNonNull("alias"))
                .map(item -> new SignInOption(item.get("alias").asText(), item.path("displayName").asText(item.get("alias").asText())))
                .toList();
    }
}
