package io.meshwork.portal.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpRequest;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.RestClient;

/**
 * Turns an error answer of the node into a {@link NodeException}, reading the problem+json body the
 * node sends (type, title, status, detail, traceId); an answer without one keeps its HTTP reason.
 */
final class ProblemResponseHandler implements RestClient.ResponseSpec.ErrorHandler {

    private final ObjectMapper json;

    ProblemResponseHandler(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void handle(HttpRequest request, ClientHttpResponse response) throws IOException {
        int status = response.getStatusCode().value();
        JsonNode problem = problem(response);
        String title = text(problem, "title");
        throw new NodeException(status,
                title != null ? title : "The mesh node answered " + status,
                text(problem, "detail"),
                text(problem, "traceId"),
                errors(problem)).withProblem(problem);
    }

    private static List<NodeException.FieldError> errors(JsonNode problem) {
        List<NodeException.FieldError> errors = new ArrayList<>();
        if (problem != null) {
            for (JsonNode error : problem.path("errors")) {
                errors.add(new NodeException.FieldError(error.path("pointer").asText(""), error.path("reason").asText("")));
            }
        }
        return errors;
    }

    private JsonNode problem(ClientHttpResponse response) throws IOException {
        MediaType type = response.getHeaders().getContentType();
        boolean isJson = type != null && (MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(type)
                || MediaType.APPLICATION_JSON.isCompatibleWith(type));
        if (!isJson) {
            return null;
        }
        try {
            return json.readTree(response.getBody());
        } catch (IOException unreadable) {
            return null;
        }
    }

    private static String text(JsonNode problem, String field) {
        JsonNode value = problem == null ? null : problem.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
