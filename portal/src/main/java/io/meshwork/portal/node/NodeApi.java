package io.meshwork.portal.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.function.Function;
import org.springframework.http.HttpStatusCode;
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
}
