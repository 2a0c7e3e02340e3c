package io.meshwork.model.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwork.model.document.DocumentChecks;
import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A business domain as the catalog describes it: a name, what it covers, and who owns it. Neither
 * ODPS nor ODCS defines a domain document, so this is Meshwork's own small one. Ownership that
 * grants rights lives in Keycloak (group {@code /domains/<name>}); {@code owners} is what people
 * read in the catalog: whom to ask.
 */
public record Domain(String name, String description, List<String> owners, ObjectNode document) {

  public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");
  private static final Set<String> FIELDS = Set.of("name", "description", "owners");

  public Domain {
    Objects.requireNonNull(name, "name");
    owners = List.copyOf(owners);
    document = document.deepCopy();
  }

  @Override
  public ObjectNode document() {
    return document.deepCopy();
  }

  /** Validates a domain document ({@code name}, {@code description}, {@code owners}) and types it. */
  public static Domain from(JsonNode document) {
    if (document == null || !document.isObject()) {
      throw new InvalidException("The domain is invalid", List.of(new Violation("", "a domain must be an object")));
    }
    DocumentChecks checks = new DocumentChecks(document);
    String name = checks.requiredString("/name");
    if (name != null && !NAME.matcher(name).matches()) {
      checks.violation("/name", "must be a lower-case domain name (letters, digits, '-'; starting with a letter)");
    }
    checks.optionalString("/description");
    checks.stringArray("/owners");
    document.fieldNames().forEachRemaining(field -> {
      if (!FIELDS.contains(field)) {
        checks.violation("/" + field, "is not a field of a domain (name, description, owners)");
      }
    });
    if (!checks.violations().isEmpty()) {
      throw new InvalidException("The domain is invalid", checks.violations());
    }
    List<String> owners = new ArrayList<>();
    document.path("owners").forEach(o -> owners.add(o.asText()));
    JsonNode description = document.get("description");
    return new Domain(name, description == null || description.isNull() ? null : description.asText(), owners, (ObjectNode) document);
  }
}
