package io.meshwork.quality;

import java.util.Locale;
import java.util.Set;

/**
 * How much a failed rule matters. ODCS leaves {@code severity} free text with no default; Meshwork
 * reads a rule without one as {@code error}: a rule in a contract is a promise to consumers, so
 * breaking it keeps the batch out unless its author said it is only advisory
 * ({@code warning}/{@code info}). Unknown words block too, for the same reason — a typo must not
 * silently turn a gate off.
 */
final class Severity {

  static final String ERROR = "error";
  private static final Set<String> ADVISORY = Set.of("warning", "warn", "info", "information", "low", "minor", "medium");

  private Severity() {}

  /** The severity as reported: the contract's word in lower case, {@code error} when absent. */
  static String of(String declared) {
    return declared == null || declared.isBlank() ? ERROR : declared.trim().toLowerCase(Locale.ROOT);
  }

  static boolean blocks(String severity) {
    return severity == null || !ADVISORY.contains(severity.toLowerCase(Locale.ROOT));
  }
}
