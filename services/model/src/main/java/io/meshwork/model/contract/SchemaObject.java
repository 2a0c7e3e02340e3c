package io.meshwork.model.contract;

import java.util.List;

/** An ODCS v3 schema object: a table, a topic's payload, a file's records. */
public record SchemaObject(
    String name, String physicalName, String physicalType, String description, List<SchemaProperty> properties, List<QualityRule> quality) {

  public SchemaObject {
    properties = List.copyOf(properties);
    quality = List.copyOf(quality);
  }
}
