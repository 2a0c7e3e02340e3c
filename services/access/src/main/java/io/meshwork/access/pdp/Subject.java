package io.meshwork.access.pdp;

import java.util.Objects;
import java.util.Set;

/**
 * Who is asking, as the node knows them from a verified token: their id, whether they are a
 * service account, their Keycloak groups and realm roles, and the identity provider they signed
 * in through (null for local accounts).
 */
public record Subject(String id, boolean serviceAccount, Set<String> groups, Set<String> roles, String identityProvider) {

  public Subject {
    Objects.requireNonNull(id, "id");
    groups = Set.copyOf(groups);
    roles = Set.copyOf(roles);
  }

  /** Whether a grant to this principal applies to this subject. */
  public boolean is(Principal principal) {
    return switch (principal.kind()) {
      case USER -> !serviceAccount && principal.id().equals(id);
      case SERVICE_ACCOUNT -> serviceAccount && principal.id().equals(id);
      case GROUP -> groups.contains(principal.id());
    };
  }

  boolean ownsDomain(String domain) {
    String group = "/domains/" + domain;
    return roles.contains("domain-owner")
        && (groups.contains(group) || groups.stream().anyMatch(g -> g.startsWith(group + "/")));
  }
}
