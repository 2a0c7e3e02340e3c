package io.meshwork.quality.run;

import io.meshwork.model.contract.SlaProperty;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The freshness a contract promises, from its {@code slaProperties}: {@code freshness}, or
 * {@code latency} (ODCS's name for how old the data may be), e.g. {@code value: 4, unit: h}.
 * Units: ms, s, m/min, h/hour(s), d/day(s), w/week(s), y/year(s); a string value may also be an ISO
 * duration ({@code PT4H}). Null when there is none or it cannot be read.
 */
public final class SlaFreshness {

  private SlaFreshness() {}

  public static Duration of(List<SlaProperty> sla) {
    for (String wanted : List.of("freshness", "latency")) {
      for (SlaProperty p : sla) {
        if (p.property().equalsIgnoreCase(wanted) && p.value() != null) {
          Duration d = parse(p);
          if (d != null) {
            return d;
          }
        }
      }
    }
    return null;
  }

  static Duration parse(SlaProperty p) {
    if (p.value().isTextual()) {
      try {
        return Duration.parse(p.value().asText());
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    if (!p.value().isNumber()) {
      return null;
    }
    double v = p.value().asDouble();
    String unit = p.unit() == null ? "d" : p.unit().toLowerCase(Locale.ROOT);
    long millis = switch (unit) {
      case "ms", "millisecond", "milliseconds" -> 1L;
      case "s", "sec", "second", "seconds" -> 1_000L;
      case "m", "min", "minute", "minutes" -> 60_000L;
      case "h", "hr", "hour", "hours" -> 3_600_000L;
      case "d", "day", "days" -> 86_400_000L;
      case "w", "week", "weeks" -> 7 * 86_400_000L;
      case "y", "yr", "year", "years" -> 365 * 86_400_000L;
      default -> -1L;
    };
    return millis < 0 ? null : Duration.ofMillis(Math.round(v * millis));
  }
}
