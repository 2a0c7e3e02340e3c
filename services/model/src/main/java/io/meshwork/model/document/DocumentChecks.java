package io.meshwork.model.document;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.model.error.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Structural checks on a parsed document, addressed by JSON pointer. Every failed check adds a
 * {@link Violation} and the walk goes on, so a validator built on it reports every problem of a
 * document at once instead of stopping at the first.
 */
public final class DocumentChecks {

  private final JsonNode doc;
  private final List<Violation> violations = new ArrayList<>();

  public DocumentChecks(JsonNode doc) {
    this.doc = doc;
  }

  public JsonNode at(String pointer) {
    return doc.at(pointer);
  }

  public boolean present(String pointer) {
    JsonNode node = doc.at(pointer);
    return !node.isMissingNode() && !node.isNull();
  }

  public String requiredString(String pointer) {
    if (!present(pointer)) {
      violation(pointer, "is required");
      return null;
    }
    JsonNode node = doc.at(pointer);
    if (!node.isTextual() || node.asText().isBlank()) {
      violation(pointer, "must be a non-empty string");
      return null;
    }
    return node.asText();
  }

  public String optionalString(String pointer) {
    if (!present(pointer)) {
      return null;
    }
    JsonNode node = doc.at(pointer);
    if (!node.isTextual()) {
      violation(pointer, "must be a string");
      return null;
    }
    return node.asText();
  }

  public void optionalBoolean(String pointer) {
    if (present(pointer) && !doc.at(pointer).isBoolean()) {
      violation(pointer, "must be true or false");
    }
  }

  public void optionalInteger(String pointer) {
    if (present(pointer) && !doc.at(pointer).isIntegralNumber()) {
      violation(pointer, "must be a whole number");
    }
  }

  public void optionalObject(String pointer) {
    if (present(pointer) && !doc.at(pointer).isObject()) {
      violation(pointer, "must be an object");
    }
  }

  public void optionalArray(String pointer) {
    if (present(pointer) && !doc.at(pointer).isArray()) {
      violation(pointer, "must be an array");
    }
  }

  public void stringArray(String pointer) {
    if (!present(pointer)) {
      return;
    }
    JsonNode array = doc.at(pointer);
    if (!array.isArray()) {
      violation(pointer, "must be an array of strings");
      return;
    }
    for (int i = 0; i < array.size(); i++) {
      if (!array.get(i).isTextual()) {
        violation(pointer + "/" + i, "must be a string");
      }
    }
  }

  /** Runs {@code check} with the pointer of every element of an optional array of objects. */
  public void forEachObject(String pointer, Consumer<String> check) {
    if (!present(pointer)) {
      return;
    }
    JsonNode array = doc.at(pointer);
    if (!array.isArray()) {
      violation(pointer, "must be an array");
      return;
    }
    for (int i = 0; i < array.size(); i++) {
      String element = pointer + "/" + i;
      if (!array.get(i).isObject()) {
        violation(element, "must be an object");
      } else {
        check.accept(element);
      }
    }
  }

  /** Custom properties as ODPS and ODCS define them: objects with a {@code property} and a {@code value}. */
  public void customProperties(String pointer) {
    forEachObject(pointer, element -> {
      requiredString(element + "/property");
      if (doc.at(element + "/value").isMissingNode()) {
        violation(element + "/value", "is required");
      }
    });
  }

  /** Flags a {@code value} read at {@code pointer} that is none of {@code allowed}; null (absent or already flagged) passes. */
  public void oneOf(String pointer, String value, Set<String> allowed) {
    if (value != null && !allowed.contains(value)) {
      violation(pointer, "must be one of " + allowed.stream().sorted().collect(Collectors.joining(", ", "[", "]")));
    }
  }

  public void violation(String pointer, String reason) {
    violations.add(new Violation(pointer, reason));
  }

  public List<Violation> violations() {
    return List.copyOf(violations);
  }
}
