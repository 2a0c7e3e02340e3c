package io.meshwork.access.pdp;

import java.util.Objects;

/** Who a grant is for: a user, a group (Keycloak path, e.g. /domains/orders), or a service account. */
public record Principal(Kind kind, String id) {

  public enum Kind { USER, GROUP, SERVICE_ACCOUNT }

  public Principal {
    Objects.requireNonNull(kind, "kind");
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("principal id must not be blank");
    }
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
  }
}
