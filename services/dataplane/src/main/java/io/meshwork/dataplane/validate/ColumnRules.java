package io.meshwork.dataplane.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.dataplane.storage.PortColumn;
import io.meshwork.model.contract.DataContract;
import io.meshwork.model.contract.SchemaObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the contract says one column's values must be: present (required, part of the primary key),
 * of its type, unique, one of the enumerated values ({@code invalidValues.validValues}), and within
 * the {@code logicalTypeOptions} it gives (pattern, min/max length, minimum/maximum).
 */
public record ColumnRules(
    PortColumn column, boolean required, boolean primaryKey, int primaryKeyPosition, boolean unique,
    List<String> validValues, String pattern, Long minLength, Long maxLength, Double minimum, Double maximum) {

  public ColumnRules {
    validValues = List.copyOf(validValues);
  }

  /** The rules of every column, reading the options Meshwork's model does not type from the contract document. */
  public static List<ColumnRules> of(DataContract contract, SchemaObject object, List<PortColumn> columns) {
    Map<String, JsonNode> options = new HashMap<>();
    for (JsonNode o : contract.document().path("schema")) {
      if (object.name().equals(o.path("name").asText())) {
        for (JsonNode p : o.path("properties")) {
          options.put(p.path("name").asText(), p.path("logicalTypeOptions"));
        }
      }
    }
    List<ColumnRules> rules = new ArrayList<>();
    for (PortColumn column : columns) {
      var p = column.property();
      JsonNode opts = options.getOrDefault(column.name(), com.fasterxml.jackson.databind.node.MissingNode.getInstance());
      rules.add(new ColumnRules(column, p.required() || p.primaryKey(), p.primaryKey(), p.primaryKeyPosition(), p.unique() && !p.primaryKey(),
          p.validValues(), text(opts, "pattern"), number(opts, "minLength"), number(opts, "maxLength"),
          decimal(opts, "minimum"), decimal(opts, "maximum")));
    }
    return rules;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
  }

  private static Long number(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isNumber() ? v.asLong() : null;
  }

  private static Double decimal(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isNumber() ? v.asDouble() : null;
  }
}
