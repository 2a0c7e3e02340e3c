package io.meshwork.access.request;

import io.meshwork.access.CallerSubject;
import io.meshwork.access.PortDirectory;
import io.meshwork.access.audit.AuditLog;
import io.meshwork.access.autoapproval.AutoApprovalRules;
import io.meshwork.access.grant.GrantRepository;
import io.meshwork.access.grant.GrantRepository.StoredGrant;
import io.meshwork.access.pdp.Grant;
import io.meshwork.access.pdp.PolicyDecisionPoint;
import io.meshwork.access.pdp.PortResource;
import io.meshwork.access.pdp.Principal;
import io.meshwork.access.pdp.Subject;
import io.meshwork.access.rowfilter.RowFilter;
import io.meshwork.access.rowfilter.RowFilterParser;
import io.meshwork.model.error.ConflictException;
import io.meshwork.model.error.ForbiddenException;
import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.NotFoundException;
import io.meshwork.model.error.Violation;
import io.meshwork.runtime.auth.Caller;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The life of an access request: asked (with early policy feedback), then approved — which creates
 * the grant and puts it into the decision point at once — denied, or withdrawn. Approvers are the
 * owners of the product's domain; they may narrow columns, add a row filter, unmask classified
 * columns and shorten the duration, and every applicable policy must allow the result.
 */
public final class AccessRequestService {

  /** What a requester may ask. */
  public record Ask(String productId, String port, String purpose, String justification, int durationDays,
      Set<String> columns, String onBehalfOfGroup) {}

  /**
   * What an approver decides. Null fields keep what was asked; {@code expiresAt} ends the grant at a
   * precise moment instead of after {@code durationDays} (never later than the days requested).
   */
  public record Approval(Set<String> columns, Set<String> unmasked, String rowFilter, Integer durationDays, Instant expiresAt) {}

  private final AccessRequestRepository requests;
  private final GrantRepository grants;
  private final PortDirectory ports;
  private final PolicyDecisionPoint pdp;
  private final AuditLog audit;
  private final AutoApprovalRules autoApproval;
  private final Set<String> purposes;
  private final int maxDurationDays;

  AccessRequestService(AccessRequestRepository requests, GrantRepository grants, PortDirectory ports, PolicyDecisionPoint pdp,
      AuditLog audit, AutoApprovalRules autoApproval, Set<String> purposes, int maxDurationDays) {
    this.requests = requests;
    this.grants = grants;
    this.ports = ports;
    this.pdp = pdp;
    this.audit = audit;
    this.autoApproval = autoApproval;
    this.purposes = Set.copyOf(purposes);
    this.maxDurationDays = maxDurationDays;
  }

  public Set<String> purposes() {
    return purposes;
  }

  public Future<AccessRequest> request(Caller caller, Ask ask) {
    if (!purposes.contains(ask.purpose())) {
      throw new InvalidException("The access request is invalid",
          List.of(new Violation("/purpose", "must be one of " + purposes.stream().sorted().toList() + " (explain more in justification)")));
    }
    if (ask.durationDays() < 1 || ask.durationDays() > maxDurationDays) {
      throw new InvalidException("The access request is invalid",
          List.of(new Violation("/durationDays", "must be between 1 and " + maxDurationDays + " days")));
    }
    Principal principal = CallerSubject.principal(caller);
    if (ask.onBehalfOfGroup() != null) {
      if (!caller.groups().contains(ask.onBehalfOfGroup())) {
        throw new ForbiddenException("You can request on behalf of a group you belong to, not " + ask.onBehalfOfGroup());
      }
      principal = new Principal(Principal.Kind.GROUP, ask.onBehalfOfGroup());
    }
    Principal requester = principal;
    return Future.all(ports.port(ask.productId(), ask.port()), ports.approvers(ask.productId(), ask.port())).compose(both -> {
      PortResource port = both.resultAt(0);
      Set<String> approvers = both.resultAt(1);
      requireColumns(port, ask.columns(), "/columns");
      Instant now = Instant.now();
      Grant proposed = new Grant("proposed", requester, ask.productId(), ask.port(), ask.purpose(), now,
          now.plus(Duration.ofDays(ask.durationDays())), ask.columns(), Set.of(), Optional.empty());
      AccessRequest request = new AccessRequest(UUID.randomUUID().toString(), requester, caller.username(), ask.productId(),
          ask.port(), port.domain(), approvers, ask.purpose(), ask.justification(), ask.durationDays(), ask.columns(),
          pdp.violations(proposed, port, CallerSubject.of(caller)), RequestStatus.PENDING, now, null, null, null, null, 0);
      return requests.insert(request)
          .compose(v -> audit.append("access.requested", caller.username(), requester.toString(), request.productId(), request.port(),
              request.domain(), new JsonObject().put("requestId", request.id()).put("purpose", request.purpose())
                  .put("durationDays", request.durationDays()).put("policyFeedback", new JsonArray(request.policyFeedback()))))
          .compose(v -> autoApprove(request, port, caller));
    });
  }

  /**
   * Approves at once when one of the product's auto-approval rules matches and no policy objects;
   * otherwise the request waits for an owner.
   */
  private Future<AccessRequest> autoApprove(AccessRequest request, PortResource port, Caller caller) {
    if (!request.policyFeedback().isEmpty()) {
      return Future.succeededFuture(request);
    }
    return autoApproval.of(request.productId()).compose(rules -> rules.stream()
        .filter(rule -> rule.matches(port, request.purpose(), request.durationDays(), request.columns(), caller.groups()))
        .findFirst()
        .map(rule -> grant(request, port, new Approval(null, null, null, null, null), "auto-approval", "auto-approved: " + rule.describe()))
        .orElse(Future.succeededFuture(request)));
  }

  public Future<AccessRequest> get(Caller caller, String id) {
    return load(id).map(request -> {
      if (!isRequester(caller, request) && !mayDecide(caller, request)) {
        throw new NotFoundException("No access request with id '" + id + "'");
      }
      return request;
    });
  }

  public Future<List<AccessRequest>> mine(Caller caller) {
    return requests.byRequester(caller.username());
  }

  /**
   * Pending requests the caller may decide: those of the domains they own, and those whose contract
   * names them (or a group of theirs) as approver. Mesh admins do not decide by role alone.
   */
  public Future<List<AccessRequest>> toApprove(Caller caller) {
    List<String> owned = !caller.hasRole(Caller.DOMAIN_OWNER) ? List.of() : caller.groups().stream()
        .filter(g -> g.startsWith("/domains/"))
        .map(g -> g.substring("/domains/".length()).split("/")[0])
        .distinct()
        .toList();
    List<String> names = new ArrayList<>(caller.groups());
    names.add(caller.username());
    return requests.pendingFor(owned, names);
  }

  public Future<AccessRequest> approve(Caller caller, String id, Approval approval) {
    return pendingToDecide(caller, id).compose(request -> ports.port(request.productId(), request.port())
        .compose(port -> grant(request, port, approval, caller.username(), "approved")));
  }

  /** Turns a pending request into a grant, enforced from now on; every applicable policy must allow it. */
  private Future<AccessRequest> grant(AccessRequest request, PortResource port, Approval approval, String approver, String reason) {
    Set<String> columns = approval.columns() == null ? request.columns() : approval.columns();
    requireColumns(port, columns, "/columns");
    if (!request.columns().isEmpty() && !request.columns().containsAll(columns)) {
      throw new InvalidException("The approval is invalid", List.of(new Violation("/columns", "may only narrow the columns requested " + request.columns().stream().sorted().toList())));
    }
    Set<String> unmasked = approval.unmasked() == null ? Set.of() : approval.unmasked();
    requireColumns(port, unmasked, "/unmasked");
    int days = approval.durationDays() == null ? request.durationDays() : approval.durationDays();
    if (days < 1 || days > request.durationDays()) {
      throw new InvalidException("The approval is invalid", List.of(new Violation("/durationDays", "may only shorten the " + request.durationDays() + " days requested")));
    }
    Instant now = Instant.now();
    Instant expiresAt = approval.expiresAt() == null ? now.plus(Duration.ofDays(days)) : approval.expiresAt();
    if (!expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(Duration.ofDays(request.durationDays())))) {
      throw new InvalidException("The approval is invalid", List.of(new Violation("/expiresAt",
          "must be in the future and within the " + request.durationDays() + " days requested")));
    }
    Optional<RowFilter> rowFilter = Optional.ofNullable(approval.rowFilter())
        .map(text -> RowFilterParser.parse(text, port.columnTypes(), "/rowFilter"));
    Grant grant = new Grant(UUID.randomUUID().toString(), request.requester(), request.productId(), request.port(), request.purpose(),
        now, expiresAt, columns, unmasked, rowFilter);
    List<String> violations = pdp.violations(grant, port, requesterSubject(request));
    if (!violations.isEmpty()) {
      throw new InvalidException("The grant would break policies; narrow it",
          violations.stream().map(v -> new Violation("", v)).toList());
    }
    AccessRequest approved = request.decided(RequestStatus.APPROVED, approver, now, reason, grant.id());
    StoredGrant stored = new StoredGrant(grant, port.domain(), approver, approval.rowFilter(), null, null);
    return requests.decide(approved)
        .compose(v -> grants.insert(stored, port.columnTypes()))
        .onSuccess(v -> pdp.putGrant(grant))
        .compose(v -> audit.append("access.approved", approver, request.requester().toString(), request.productId(),
            request.port(), request.domain(), new JsonObject().put("requestId", request.id()).put("grantId", grant.id())
                .put("reason", reason).put("expiresAt", grant.expiresAt().toString())
                .put("columns", new JsonArray(columns.stream().sorted().toList()))
                .put("unmasked", new JsonArray(unmasked.stream().sorted().toList())).put("rowFilter", approval.rowFilter())))
        .map(v -> approved);
  }

  public Future<AccessRequest> deny(Caller caller, String id, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new InvalidException("A denial needs a reason", List.of(new Violation("/reason", "is required")));
    }
    return pendingToDecide(caller, id).compose(request -> {
      AccessRequest denied = request.decided(RequestStatus.DENIED, caller.username(), Instant.now(), reason, null);
      return requests.decide(denied)
          .compose(v -> audit.append("access.denied", caller.username(), request.requester().toString(), request.productId(),
              request.port(), request.domain(), new JsonObject().put("requestId", request.id()).put("reason", reason)))
          .map(v -> denied);
    });
  }

  public Future<AccessRequest> withdraw(Caller caller, String id) {
    return load(id).compose(request -> {
      if (!isRequester(caller, request)) {
        throw new ForbiddenException("Only the requester may withdraw a request");
      }
      requirePending(request);
      AccessRequest withdrawn = request.decided(RequestStatus.WITHDRAWN, caller.username(), Instant.now(), "withdrawn by the requester", null);
      return requests.decide(withdrawn)
          .compose(v -> audit.append("access.withdrawn", caller.username(), request.requester().toString(), request.productId(),
              request.port(), request.domain(), new JsonObject().put("requestId", request.id())))
          .map(v -> withdrawn);
    });
  }

  private Future<AccessRequest> pendingToDecide(Caller caller, String id) {
    return load(id).map(request -> {
      if (!mayDecide(caller, request)) {
        throw new ForbiddenException("Only a domain-owner of domain '" + request.domain() + "' or an approver the contract names may decide this request");
      }
      requirePending(request);
      return request;
    });
  }

  private Future<AccessRequest> load(String id) {
    return requests.find(id).map(found -> found.orElseThrow(() -> new NotFoundException("No access request with id '" + id + "'")));
  }

  private static void requirePending(AccessRequest request) {
    if (request.status() != RequestStatus.PENDING) {
      throw new ConflictException("The request is already " + request.status().wireName());
    }
  }

  private static boolean isRequester(Caller caller, AccessRequest request) {
    return caller.username().equals(request.requesterName()) || caller.subject().equals(request.requester().id());
  }

  /** The owners of the request's domain, and the approvers its contract named when it was asked. */
  static boolean mayDecide(Caller caller, AccessRequest request) {
    return caller.ownsDomain(request.domain())
        || request.approvers().contains(caller.username())
        || request.approvers().stream().anyMatch(caller.groups()::contains);
  }

  /** The approval gate sees the requester as they were: identity provider unknown here, groups not needed. */
  private static Subject requesterSubject(AccessRequest request) {
    return new Subject(request.requester().id(), request.requester().kind() == Principal.Kind.SERVICE_ACCOUNT,
        Set.of(), Set.of(), null);
  }

  private static void requireColumns(PortResource port, Set<String> columns, String pointer) {
    List<String> unknown = columns.stream().filter(c -> !port.hasColumn(c)).sorted().toList();
    if (!unknown.isEmpty()) {
      throw new InvalidException("Unknown columns", List.of(new Violation(pointer,
          "no such column(s) " + unknown + " in " + port.productId() + "/" + port.port() + "; it has " + port.columns().stream().map(c -> c.name()).toList())));
    }
  }
}
