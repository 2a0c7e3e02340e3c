package io.meshwork.identity.realm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares and merges Keycloak representations as JSON trees, so the provisioner only owns the
 * fields the definition sets: a field the definition leaves out (null) is Keycloak's, and an
 * attribute map is compared key by key, never replaced wholesale. Lists are compared as sets
 * because Keycloak does not keep their order (redirect URIs, web origins).
 */
final class Overlay {

  private static final ObjectMapper JSON = new ObjectMapper()
      .setSerializationInclusion(JsonInclude.Include.NON_NULL)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private static final TypeReference<Map<String, Object>> TREE = new TypeReference<>() {};

  private Overlay() {}

  /** Top-level field names whose desired value the existing representation does not already have. */
  static List<String> differingFields(Object existing, Object desired) {
    Map<String, Object> have = tree(existing);
    List<String> fields = new ArrayList<>();
    tree(desired).forEach((field, want) -> {
      if (!covers(have.get(field), want)) {
        fields.add(field);
      }
    });
    return fields;
  }

  /** {@code existing} with every non-null field of {@code desired} laid over it (maps merged key by key). */
  static <T> T merge(T existing, Object desired, Class<T> type) {
    Map<String, Object> merged = tree(existing);
    mergeInto(merged, tree(desired));
    return JSON.convertValue(merged, type);
  }

  /** A copy of {@code value} through JSON, e.g. to strip parts of a representation without touching the original. */
  static <T> T copy(T value, Class<T> type) {
    return JSON.convertValue(value, type);
  }

  private static Map<String, Object> tree(Object representation) {
    return representation == null ? new LinkedHashMap<>() : JSON.convertValue(representation, TREE);
  }

  @SuppressWarnings("unchecked")
  private static void mergeInto(Map<String, Object> target, Map<String, Object> overlay) {
    overlay.forEach((key, value) -> {
      Object current = target.get(key);
      if (value instanceof Map<?, ?> overlayMap && current instanceof Map<?, ?> currentMap) {
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) currentMap);
        mergeInto(copy, (Map<String, Object>) overlayMap);
        target.put(key, copy);
      } else {
        target.put(key, value);
      }
    });
  }

  private static boolean covers(Object have, Object want) {
    if (want instanceof Map<?, ?> wantMap) {
      if (!(have instanceof Map<?, ?> haveMap)) {
        return wantMap.isEmpty() && have == null;
      }
      return wantMap.entrySet().stream().allMatch(e -> covers(haveMap.get(e.getKey()), e.getValue()));
    }
    if (want instanceof List<?> wantList) {
      if (!(have instanceof List<?> haveList)) {
        return wantList.isEmpty() && have == null;
      }
      return new HashSet<>(haveList).equals(new HashSet<>(wantList));
    }
    if (want instanceof Number || have instanceof Number) {
      return have != null && String.valueOf(have).equals(String.valueOf(want));
    }
    // Keycloak returns unset string attributes as absent; an empty desired value means the same.
    if ("".equals(want) && have == null) {
      return true;
    }
    return Objects.equals(have, want);
  }
}
