package io.meshwork.access.request;

import io.meshwork.access.pdp.Principal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A consumer's request to read one output port for a purpose, for a number of days, optionally
 * only some columns; who may decide it besides the domain's owners (the contract's approvers, as
 * they were when it was asked); and, once decided, who decided, when, why, and the grant it became.
 * {@code policyFeedback} lists the policies the request, as asked, would break: early feedback,
 * so the requester can narrow it before an owner has to refuse it.
 */
public record AccessRequest(
    String id,
    Principal requester,
    String requesterName,
    String productId,
    String port,
    String domain,
    Set<String> approvers,
    String purpose,
    String justification,
    int durationDays,
    Set<String> columns,
    List<String> policyFeedback,
    RequestStatus status,
    Instant createdAt,
    String decidedBy,
    Instant decidedAt,
    String decisionReason,
    String grantId,
    long revision) {

  public AccessRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(requester, "requester");
    columns = Set.copyOf(columns);
    approvers = Set.copyOf(approvers);
    policyFeedback = List.copyOf(policyFeedback);
  }

  AccessRequest decided(RequestStatus outcome, String by, Instant at, String reason, String grant) {
    return new AccessRequest(id, requester, requesterName, productId, port, domain, approvers, purpose, justification, durationDays,
        columns, policyFeedback, outcome, createdAt, by, at, reason, grant, revision);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("id", id)
        .put("requester", new JsonObject().put("kind", requester.kind().name().toLowerCase(java.util.Locale.ROOT))
            .put("id", requester.id()).put("name", requesterName))
        .put("productId", productId)
        .put("port", port)
        .put("domain", domain)
        .put("approvers", new JsonArray(approvers.stream().sorted().toList()))
        .put("purpose", purpose)
        .put("justification", justification)
        .put("durationDays", durationDays)
        .put("columns", new JsonArray(columns.stream().sorted().toList()))
        .put("policyFeedback", new JsonArray(policyFeedback))
        .put("status", status.wireName())
        .put("createdAt", createdAt.toString());
    if (decidedBy != null) {
      json.put("decidedBy", decidedBy).put("decidedAt", decidedAt.toString()).put("decisionReason", decisionReason);
    }
    if (grantId != null) {
      json.put("grantId", grantId);
    }
    return json;
  }
}
