package io.meshwork.access;

import io.meshwork.access.pdp.MaskKind;
import io.meshwork.access.pdp.MaskingRules;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a mesh configures about access governance: the purposes requests choose from (free text
 * goes in the justification) and how each classification is masked unless a grant unmasks it.
 */
public record AccessSettings(Set<String> purposes, MaskingRules masking) {

  public static final String DEFAULT_PURPOSES = "analytics,reporting,ml-training,fraud,legal,operations";
  public static final String DEFAULT_MASKS = "restricted:hash,confidential:partial,pii:partial";

  public AccessSettings {
    purposes = Set.copyOf(purposes);
    if (purposes.isEmpty()) {
      throw new IllegalArgumentException("at least one access purpose is required");
    }
  }

  public static AccessSettings defaults() {
    return parse(DEFAULT_PURPOSES, DEFAULT_MASKS);
  }

  /**
   * Reads the settings as configured ({@code access.purposes}, {@code access.masks}): purposes as a
   * comma-separated list, masks as {@code classification:null|hash|partial} pairs.
   */
  public static AccessSettings parse(String purposes, String masks) {
    Set<String> vocabulary = new LinkedHashSet<>();
    Arrays.stream(purposes.split(",")).map(String::trim).filter(p -> !p.isEmpty()).forEach(vocabulary::add);
    Map<String, MaskKind> byClassification = new LinkedHashMap<>();
    for (String pair : masks.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      String[] parts = pair.trim().split(":");
      try {
        if (parts.length != 2 || parts[0].isBlank()) {
          throw new IllegalArgumentException();
        }
        byClassification.put(parts[0].trim().toLowerCase(Locale.ROOT), MaskKind.valueOf(parts[1].trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("access.masks: '" + pair.trim() + "' is not classification:null|hash|partial");
      }
    }
    return new AccessSettings(vocabulary, new MaskingRules(byClassification));
  }
}
