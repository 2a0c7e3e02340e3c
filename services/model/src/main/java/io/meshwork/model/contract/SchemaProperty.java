package io.meshwork.model.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * An ODCS v3 schema property (a column, a field). {@code validValues} are the values allowed by
 * the property's {@code invalidValues} quality rules ({@code arguments.validValues}): ODCS's way
 * of declaring an enumeration. {@code properties} are the nested properties of an object-typed
 * property, or of the elements of an array of objects (declared under its {@code items}). {@code path} is where it sits, e.g. {@code order_lines.customer.email}.
 */
public record SchemaProperty(
    String name,
    String path,
    String logicalType,
    String physicalType,
    boolean required,
    boolean unique,
    boolean primaryKey,
    int primaryKeyPosition,
    String classification,
    List<JsonNode> examples,
    boolean criticalDataElement,
    String description,
    List<String> validValues,
    List<QualityRule> quality,
    List<SchemaProperty> properties) {

  public SchemaProperty {
    examples = List.copyOf(examples);
    validValues = List.copyOf(validValues);
    quality = List.copyOf(quality);
    properties = List.copyOf(properties);
  }
}
