package io.meshwork.catalog.web;

import io.meshwork.model.error.ForbiddenException;
import io.meshwork.runtime.auth.Caller;

/**
 * The catalog's write rule, the same for products and contracts: only a mesh admin, or a domain
 * owner who is a member of the domain's group, may change what belongs to a domain.
 */
public final class DomainOwnership {

  private DomainOwnership() {}

  public static void require(Caller caller, String domain, String what) {
    boolean allowed = caller.administers(domain);
    if (!allowed) {
      throw new ForbiddenException("Only a mesh-admin or a domain-owner of domain '" + domain + "' may register or change its " + what);
    }
  }
}
