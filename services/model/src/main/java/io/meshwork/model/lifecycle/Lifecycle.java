package io.meshwork.model.lifecycle;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The lifecycle shared by ODPS data products and ODCS data contracts, in the order a thing moves
 * through it. Until it is active a thing is a draft that may change freely or be deleted; once
 * consumers may rely on it, it is only deprecated and then retired, never silently removed.
 */
public enum Lifecycle {
  PROPOSED,
  DRAFT,
  ACTIVE,
  DEPRECATED,
  RETIRED;

  /** The lower-case spelling ODPS and ODCS documents use. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Lifecycle> fromWire(String value) {
    return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
  }

  /** Proposed and draft things have no consumers yet: they may be deleted. */
  public boolean isDraft() {
    return this == PROPOSED || this == DRAFT;
  }

  /**
   * Whether a registered thing may move from this status to {@code next}: drafts move freely
   * among themselves and to active; active only to deprecated; deprecated back to active or on
   * to retired; retired is final.
   */
  public boolean canMoveTo(Lifecycle next) {
    if (next == this) {
      return true;
    }
    return switch (this) {
      case PROPOSED, DRAFT -> next.isDraft() || next == ACTIVE;
      case ACTIVE -> next == DEPRECATED;
      case DEPRECATED -> next == ACTIVE || next == RETIRED;
      case RETIRED -> false;
    };
  }
}
