package io.meshwork.portal.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.net.URI;
import java.util.List;

/**
 * A call to the mesh node failed: the node answered with an error (its problem+json, RFC 9457), or
 * could not be reached at all. {@link #getMessage()} is written for the person using the portal.
 */
public final class NodeException extends RuntimeException {

    private final int status;
    private final String title;
    private final String detail;
    private final String traceId;
    private final List<FieldError> errors;
    private JsonNode problem = MissingNode.getInstance();

    NodeException(int status, String title, String detail, String traceId) {
        this(status, title, detail, traceId, List.of());
    }

    NodeException(int status, String title, String detail, String traceId, List<FieldError> errors) {
        super(detail == null || detail.isBlank() ? title : title + ": " + detail);
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.traceId = traceId;
        this.errors = List.copyOf(errors);
    }

    /** One invalid field of a validation problem: its JSON pointer in the request body, and why. */
    public record FieldError(String pointer, String reason) {
    }

    /** For a test or a view that fails like the node does. */
    public static NodeException invalid(String title, List<FieldError> errors) {
        return new NodeException(400, title, null, null, errors);
    }

    /** The node did not answer (connection refused, timeout, …). */
    static NodeException unreachable(URI node, Throwable cause) {
        var failure = new NodeException(0, "The mesh node is unreachable",
                "no answer from " + node.getScheme() + "://" + node.getAuthority(), null);
        failure.initCause(cause);
        return failure;
    }

    /** The user's sign-in can no longer give an access token for the node. */
    static NodeException signInExpired(Throwable cause) {
        var failure = new NodeException(401, "Your sign-in has expired", "sign out and sign in again", null);
        failure.initCause(cause);
        return failure;
    }

    /** HTTP status of the node's answer; 0 when the node could not be reached. */
    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** May be null. */
    public String detail() {
        return detail;
    }

    /** Every invalid field the node listed ({@code errors} of its problem); empty when none. */
    public List<FieldError> errors() {
        return errors;
    }

    /** The whole problem document, for members beside the standard ones (e.g. breakingChanges); missing when none. */
    public JsonNode problem() {
        return problem;
    }

    NodeException withProblem(JsonNode problem) {
        this.problem = problem == null ? MissingNode.getInstance() : problem;
        return this;
    }

    /** For a test or a view that fails like the node does, with the problem's extension members. */
    public static NodeException of(int status, String title, String detail, JsonNode problem) {
        return new NodeException(status, title, detail, null).withProblem(problem);
    }

    /** The trace id the node reported, to find the failed call in the traces; may be null. */
    public String traceId() {
        return traceId;
    }
}
