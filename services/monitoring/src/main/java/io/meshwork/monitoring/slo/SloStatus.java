package io.meshwork.monitoring.slo;

import io.meshwork.observability.MeshMetrics.SloLevel;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Status of an objective, a port or a product; a product is as bad as its worst monitored objective. */
public enum SloStatus {
  NOT_MONITORED, OK, PENDING, BREACHED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Optional<SloStatus> fromWire(String value) {
    return Arrays.stream(values()).filter(s -> s.wire().equals(value)).findFirst();
  }

  public SloStatus worse(SloStatus other) {
    return other.ordinal() > ordinal() ? other : this;
  }

  SloLevel level() {
    return switch (this) {
      case BREACHED -> SloLevel.BREACHED;
      case PENDING -> SloLevel.PENDING;
      default -> SloLevel.OK;
    };
  }
}
