package io.meshwork.model.document;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Field-level differences between two versions of a document, located by JSON pointer: what a
 * person reviewing a change wants to read ("/status changed from draft to active"), not a textual
 * line diff. Objects are compared key by key, arrays index by index, everything else by value.
 */
public final class DocumentDiff {

  /** One difference; {@code before} is null for an addition, {@code after} for a removal. */
  public record Change(String pointer, JsonNode before, JsonNode after) {

    public String describe() {
      String at = pointer.isEmpty() ? "the document" : pointer;
      if (before == null) {
        return "+ " + at + ": " + render(after);
      }
      if (after == null) {
        return "- " + at + ": " + render(before);
      }
      return "~ " + at + ": " + render(before) + " -> " + render(after);
    }

    private static String render(JsonNode node) {
      String text = node.isValueNode() ? node.asText() : node.toString();
      return text.length() > 120 ? text.substring(0, 117) + "..." : text;
    }
  }

  private DocumentDiff() {}

  public static List<Change> between(JsonNode before, JsonNode after) {
    List<Change> changes = new ArrayList<>();
    compare("", before, after, changes);
    return changes;
  }

  private static void compare(String pointer, JsonNode before, JsonNode after, List<Change> changes) {
    if (before == null || before.isMissingNode()) {
      if (after != null && !after.isMissingNode()) {
        changes.add(new Change(pointer, null, after));
      }
    } else if (after == null || after.isMissingNode()) {
      changes.add(new Change(pointer, before, null));
    } else if (before.isObject() && after.isObject()) {
      TreeSet<String> keys = new TreeSet<>();
      before.fieldNames().forEachRemaining(keys::add);
      after.fieldNames().forEachRemaining(keys::add);
      for (String key : keys) {
        compare(pointer + "/" + escape(key), before.get(key), after.get(key), changes);
      }
    } else if (before.isArray() && after.isArray()) {
      int size = Math.max(before.size(), after.size());
      for (int i = 0; i < size; i++) {
        compare(pointer + "/" + i, before.get(i), after.get(i), changes);
      }
    } else if (!before.equals(after)) {
      changes.add(new Change(pointer, before, after));
    }
  }

  /** RFC 6901: '~' and '/' inside a key are escaped. */
  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
