package io.meshwork.dataplane.query;

import io.meshwork.access.pdp.Decision;
import io.meshwork.access.pdp.PortResource;
import io.meshwork.dataplane.storage.PortSchema;
import io.meshwork.runtime.auth.Caller;

/**
 * A port a caller may read, with the decision that says how: the only shape in which the read
 * side touches a port's data ({@link GovernedSelect}).
 */
public record GovernedPort(PortName name, PortResource resource, Decision decision, PortSchema schema, Caller caller, String purpose) {

  /** Identifies the decision's obligations, for cache keys: the same grant under the same policies gives the same key. */
  public String decisionKey() {
    return decision.grantId().orElse("owner") + "|" + decision.columns() + "|" + new java.util.TreeMap<>(decision.masks())
        + "|" + decision.rowFilter().map(f -> f.toSql()).orElse("");
  }
}
