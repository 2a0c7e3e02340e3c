package io.meshwork.access.pdp;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which contract classifications are masked unless a grant explicitly unmasks the column, and
 * how. Configurable per mesh; the defaults mask {@code restricted} columns by hash (joins still
 * work, values do not leak) and {@code confidential} and {@code pii} columns partially.
 */
public record MaskingRules(Map<String, MaskKind> byClassification) {

  public MaskingRules {
    byClassification = Map.copyOf(byClassification);
  }

  /** The defaults; a node configures its own through {@code access.masks} (see AccessSettings). */
  public static MaskingRules defaults() {
    return new MaskingRules(Map.of("restricted", MaskKind.HASH, "confidential", MaskKind.PARTIAL, "pii", MaskKind.PARTIAL));
  }

  public Optional<MaskKind> maskFor(String classification) {
    return classification == null
        ? Optional.empty()
        : Optional.ofNullable(byClassification.get(classification.toLowerCase(Locale.ROOT)));
  }
}
