package io.meshwork.catalog.domain;

import io.vertx.core.Future;

/**
 * The identity side of a domain: the groups ({@code /domains/<name>/owners} and {@code /members})
 * whose membership makes people part of it. The catalog asks for them when a domain is created and
 * knows nothing of how they are made; the mesh node hands in Keycloak's when it administers the realm.
 */
@FunctionalInterface
public interface DomainGroups {

  /** For a node without identity administration: the groups are someone else's business. */
  DomainGroups NONE = domain -> Future.succeededFuture();

  /** Makes sure the domain's groups exist; doing it again changes nothing. */
  Future<Void> ensure(String domain);
}
