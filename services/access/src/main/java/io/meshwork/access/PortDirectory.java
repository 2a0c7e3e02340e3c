package io.meshwork.access;

import io.meshwork.access.pdp.PortResource;
import io.vertx.core.Future;
import java.util.Set;

/**
 * Where access governance learns what a port is: its product's domain and status, and the columns
 * its contract declares with their classifications. The catalog provides it; the node wires it.
 */
public interface PortDirectory {

  /** The port, or a failed future with a NotFoundException naming what is missing. */
  Future<PortResource> port(String productId, String port);

  /**
   * Who approves access to the port besides the owners of its domain: the approvers its contract's
   * {@code roles[]} name — user names, or group paths starting with '/'. Empty when none are named.
   */
  default Future<Set<String>> approvers(String productId, String port) {
    return Future.succeededFuture(Set.of());
  }
}
