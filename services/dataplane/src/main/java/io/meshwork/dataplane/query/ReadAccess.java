package io.meshwork.dataplane.query;

import io.meshwork.access.CallerSubject;
import io.meshwork.access.pdp.Column;
import io.meshwork.access.pdp.Decision;
import io.meshwork.access.pdp.PolicyDecisionPoint;
import io.meshwork.access.pdp.PortResource;
import io.meshwork.access.rowfilter.ColumnType;
import io.meshwork.dataplane.PortContract;
import io.meshwork.dataplane.PortContracts;
import io.meshwork.dataplane.storage.PortSchema;
import io.meshwork.model.error.ForbiddenException;
import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.NotFoundException;
import io.meshwork.model.error.Violation;
import io.meshwork.observability.Spans;
import io.meshwork.runtime.auth.Caller;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/**
 * The gate of every read: resolves the port, asks the node's policy decision point whether the
 * caller may read it for the stated purpose, and either fails with 403 naming the port (audited)
 * or hands back the {@link GovernedPort} whose obligations the read must apply. Each decision is an
 * {@code access.decision} span under the request (port, domain, principal, outcome — not the purpose
 * text or the reason).
 */
public final class ReadAccess {

  private final PortContracts contracts;
  private final PolicyDecisionPoint pdp;
  private final ReadAudit audit;
  private final Spans spans;

  public ReadAccess(PortContracts contracts, PolicyDecisionPoint pdp, ReadAudit audit) {
    this(contracts, pdp, audit, new Spans(OpenTelemetry.noop()));
  }

  public ReadAccess(PortContracts contracts, PolicyDecisionPoint pdp, ReadAudit audit, Spans spans) {
    this.contracts = contracts;
    this.pdp = pdp;
    this.audit = audit;
    this.spans = spans;
  }

  public ReadAudit audit() {
    return audit;
  }

  /** A port named in SQL: its domain must be the product's. */
  public Future<GovernedPort> open(Caller caller, PortName name, String purpose, String via) {
    return contracts.port(name.product(), name.port())
        .recover(err -> Future.failedFuture(err instanceof NotFoundException
            ? new NotFoundException("No port " + name + ": " + err.getMessage()) : err))
        .compose(contract -> {
          if (!contract.domain().equals(name.domain())) {
            throw new NotFoundException("No port " + name + ": product '" + name.product() + "' belongs to domain '"
                + contract.domain() + "', so name it " + new PortName(contract.domain(), name.product(), name.port()));
          }
          return decide(caller, name, contract, purpose, via);
        });
  }

  /** A port addressed by product id and port name (REST rows, file download). */
  public Future<GovernedPort> open(Caller caller, String productId, String port, String purpose, String via) {
    return contracts.port(productId, port)
        .compose(contract -> decide(caller, new PortName(contract.domain(), productId, port), contract, purpose, via));
  }

  private Future<GovernedPort> decide(Caller caller, PortName name, PortContract contract, String purpose, String via) {
    PortSchema schema = contract.schema();
    PortResource resource = resource(contract, schema);
    Span span = spans.start("access.decision", Spans.of(name.domain(), name.product(), name.port()).toBuilder()
        .put(Spans.PRINCIPAL, caller.username()).put("meshwork.access.via", via).build());
    Decision decision;
    try {
      decision = pdp.decideRead(CallerSubject.of(caller), resource, purpose, Instant.now());
      span.setAttribute(Spans.DECISION, decision.allowed() ? "allow" : "deny");
    } finally {
      span.end();
    }
    if (!decision.allowed()) {
      return audit.denied(name, caller, purpose, via, decision.reason())
          .transform(ignored -> Future.failedFuture(new ForbiddenException(
              "No access to port " + name + (purpose == null ? "" : " for purpose '" + purpose + "'") + ": " + decision.reason())));
    }
    return Future.succeededFuture(new GovernedPort(name, resource, decision, schema, caller, purpose));
  }

  /** The port as the decision point sees it: the same columns and classifications access governance granted on. */
  static PortResource resource(PortContract contract, PortSchema schema) {
    List<Column> columns = schema.object().properties().stream()
        .map(p -> new Column(p.name(), ColumnType.fromLogicalType(p.logicalType()).orElse(null), p.classification()))
        .toList();
    return new PortResource(contract.productId(), contract.port(), contract.domain(), contract.productStatus(), columns);
  }

  /** The purpose a read states; the decision point refuses reads without one (unless the caller owns the domain). */
  public static String purpose(String text, String pointer) {
    if (text != null && text.length() > 100) {
      throw new InvalidException("The purpose is invalid", List.of(new Violation(pointer, "at most 100 characters")));
    }
    return text == null || text.isBlank() ? null : text.trim();
  }
}
