package io.meshwork.access.request;

import java.util.Locale;

/** Where an access request stands. Only a pending request can be approved, denied or withdrawn. */
public enum RequestStatus {
  PENDING,
  APPROVED,
  DENIED,
  WITHDRAWN;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
