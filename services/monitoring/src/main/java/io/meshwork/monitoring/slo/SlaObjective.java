package io.meshwork.monitoring.slo;

import io.meshwork.model.contract.SlaProperty;
import java.time.Duration;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * One ODCS v3.1 {@code slaProperties[]} entry of a port's contract, read as something monitoring
 * can check, or not:
 * <ul>
 *   <li>{@code latency} (alias {@code freshness}): a batch must have been committed within the
 *       last {@code value unit} — freshness is now minus the last committed batch;</li>
 *   <li>{@code frequency}: data is refreshed at least every {@code value unit}, and a refresh is
 *       not empty (the last batch brought rows);</li>
 *   <li>{@code timeOfAvailability}: the day's data is there by a time of day ({@code 09:00-08:00},
 *       ISO time with optional offset, UTC without);</li>
 *   <li>everything else ({@code retention}, {@code availability}, {@code generalAvailability},
 *       {@code endOfSupport}…) is reported but not monitored: retention is enforced by the data
 *       plane, the others are promises about dates or the platform's uptime.</li>
 * </ul>
 */
public record SlaObjective(String property, String value, String unit, String element, Kind kind, Duration period, OffsetTime deadline) {

  public enum Kind { FRESHNESS, FREQUENCY, TIME_OF_AVAILABILITY, NOT_MONITORED }

  /** Reads a contract's SLA property; a monitored property whose value cannot be read is not monitored (with its reason). */
  public static SlaObjective of(SlaProperty sla) {
    String property = sla.property() == null ? "" : sla.property();
    String value = sla.value() == null || sla.value().isNull() ? null : sla.value().asText();
    Kind kind = switch (property.toLowerCase(Locale.ROOT)) {
      case "latency", "freshness" -> Kind.FRESHNESS;
      case "frequency" -> Kind.FREQUENCY;
      case "timeofavailability" -> Kind.TIME_OF_AVAILABILITY;
      default -> Kind.NOT_MONITORED;
    };
    Duration period = null;
    OffsetTime deadline = null;
    if (kind == Kind.FRESHNESS || kind == Kind.FREQUENCY) {
      period = duration(value, sla.unit()).orElse(null);
      if (period == null) {
        kind = Kind.NOT_MONITORED;
      }
    } else if (kind == Kind.TIME_OF_AVAILABILITY) {
      deadline = timeOfDay(value).orElse(null);
      if (deadline == null) {
        kind = Kind.NOT_MONITORED;
      }
    }
    return new SlaObjective(property, value, sla.unit(), sla.element(), kind, period, deadline);
  }

  public boolean monitored() {
    return kind != Kind.NOT_MONITORED;
  }

  /**
   * ODCS units: {@code d, day, days}, {@code y, yr, years}; also seconds, minutes, hours, weeks
   * and months (30 days) in the same short and long spellings. Value: a positive number.
   */
  static Optional<Duration> duration(String value, String unit) {
    if (value == null || unit == null) {
      return Optional.empty();
    }
    double amount;
    try {
      amount = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (!(amount > 0) || Double.isInfinite(amount)) {
      return Optional.empty();
    }
    Duration one = switch (unit.trim().toLowerCase(Locale.ROOT)) {
      case "s", "sec", "secs", "second", "seconds" -> Duration.ofSeconds(1);
      case "m", "min", "mins", "minute", "minutes" -> Duration.ofMinutes(1);
      case "h", "hr", "hrs", "hour", "hours" -> Duration.ofHours(1);
      case "d", "day", "days" -> Duration.ofDays(1);
      case "w", "wk", "week", "weeks" -> Duration.ofDays(7);
      case "mo", "month", "months" -> Duration.ofDays(30);
      case "y", "yr", "yrs", "year", "years" -> Duration.ofDays(365);
      default -> null;
    };
    return one == null ? Optional.empty() : Optional.of(Duration.ofMillis(Math.round(one.toMillis() * amount)));
  }

  static Optional<OffsetTime> timeOfDay(String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetTime.parse(value));
    } catch (DateTimeParseException withoutOffset) {
      try {
        return Optional.of(java.time.LocalTime.parse(value).atOffset(ZoneOffset.UTC));
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
  }
}
