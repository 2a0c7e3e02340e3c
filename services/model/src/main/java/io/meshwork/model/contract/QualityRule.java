package io.meshwork.model.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An ODCS v3 data quality rule ({@code quality[]} of an object or property). {@code property} is
 * the path of the property it is declared on (e.g. {@code orders.amount}), or null for a rule of
 * the schema object itself. {@code definition} is the rule as written in the contract, so whoever
 * executes it reads operators ({@code mustBe}, {@code mustBeBetween}…), {@code arguments},
 * {@code unit} and {@code query} from the source rather than from a second model of them.
 */
public record QualityRule(
    String name, String type, String metric, String dimension, String severity, String description, String property, ObjectNode definition) {

  public QualityRule {
    definition = definition == null ? JsonNodeFactory.instance.objectNode() : definition.deepCopy();
  }

  /** A rule known only by its summary fields, declared on its object. */
  public QualityRule(String name, String type, String metric, String dimension, String severity, String description) {
    this(name, type, metric, dimension, severity, description, null, null);
  }

  @Override
  public ObjectNode definition() {
    return definition.deepCopy();
  }

  /** A field of the rule as written, or a missing node. */
  public JsonNode field(String name) {
    return definition.path(name);
  }
}
