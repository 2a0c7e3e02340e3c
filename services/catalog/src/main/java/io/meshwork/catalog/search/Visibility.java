package io.meshwork.catalog.search;

import io.meshwork.runtime.auth.Caller;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which products a caller may find: the metadata of products that have left draft is for every
 * signed-in user; proposed and draft products only for the members and owners of their domain,
 * and for mesh admins.
 *
 * @param domains the domains whose drafts the caller sees (from the groups {@code /domains/<name>[/…]})
 */
record Visibility(boolean everything, Set<String> domains) {

  Visibility {
    domains = Set.copyOf(domains);
  }

  static Visibility of(Caller caller) {
    Set<String> domains = new LinkedHashSet<>();
    for (String group : caller.groups()) {
      if (group.startsWith("/domains/")) {
        String rest = group.substring("/domains/".length());
        int slash = rest.indexOf('/');
        String domain = slash < 0 ? rest : rest.substring(0, slash);
        if (!domain.isEmpty()) {
          domains.add(domain);
        }
      }
    }
    return new Visibility(caller.hasRole(Caller.MESH_ADMIN), domains);
  }
}
