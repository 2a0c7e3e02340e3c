package io.meshwork.model.contract;

import io.meshwork.model.lifecycle.Change;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What changed between two versions of a data contract, and which changes break its consumers:
 * an object or property removed (or renamed: to a consumer that is the same), a logical type
 * changed other than widened, an optional property made required, the primary key changed,
 * allowed values removed, or a classification lowered. Everything else is reported as a
 * compatible change.
 */
public final class ContractChanges {

  /** Logical type changes every reader of the old type can still read. */
  private static final Set<String> WIDENINGS = Set.of("integer->number", "date->timestamp");
  /** Classification levels of the ODCS examples, least to most protected. */
  private static final List<String> CLASSIFICATIONS = List.of("public", "internal", "restricted", "confidential");

  private final List<Change> changes = new ArrayList<>();

  private ContractChanges() {}

  public static List<Change> between(DataContract from, DataContract to) {
    var diff = new ContractChanges();
    diff.objects(from.schema(), to.schema());
    diff.section("slaProperties", from.document().path("slaProperties"), to.document().path("slaProperties"));
    diff.section("roles", from.document().path("roles"), to.document().path("roles"));
    diff.section("servers", from.document().path("servers"), to.document().path("servers"));
    if (from.status() != to.status()) {
      diff.add("status", "status changed from " + from.status().wireName() + " to " + to.status().wireName(), false);
    }
    return List.copyOf(diff.changes);
  }

  public static List<Change> breaking(List<Change> changes) {
    return changes.stream().filter(Change::breaking).toList();
  }

  private void objects(List<SchemaObject> before, List<SchemaObject> after) {
    Map<String, SchemaObject> old = new LinkedHashMap<>();
    before.forEach(o -> old.put(o.name(), o));
    Map<String, SchemaObject> now = new LinkedHashMap<>();
    after.forEach(o -> now.put(o.name(), o));
    for (SchemaObject o : before) {
      if (!now.containsKey(o.name())) {
        add(o.name(), "object " + o.name() + " was removed or renamed", true);
      }
    }
    for (SchemaObject o : after) {
      SchemaObject previous = old.get(o.name());
      if (previous == null) {
        add(o.name(), "object " + o.name() + " was added", false);
        continue;
      }
      if (!Objects.equals(previous.physicalType(), o.physicalType()) || !Objects.equals(previous.physicalName(), o.physicalName())) {
        add(o.name(), "physical name or type of " + o.name() + " changed", false);
      }
      if (!Objects.equals(previous.description(), o.description())) {
        add(o.name(), "description of " + o.name() + " changed", false);
      }
      if (!previous.quality().equals(o.quality())) {
        add(o.name(), "quality rules of " + o.name() + " changed", false);
      }
      List<SchemaProperty> oldKey = primaryKey(previous.properties());
      List<SchemaProperty> newKey = primaryKey(o.properties());
      if (!paths(oldKey).equals(paths(newKey))) {
        add(o.name(), "primary key of " + o.name() + " changed from " + names(oldKey) + " to " + names(newKey), true);
      }
      properties(previous.properties(), o.properties());
    }
  }

  private void properties(List<SchemaProperty> before, List<SchemaProperty> after) {
    Map<String, SchemaProperty> now = new LinkedHashMap<>();
    after.forEach(p -> now.put(p.name(), p));
    Set<String> old = new LinkedHashSet<>();
    for (SchemaProperty p : before) {
      old.add(p.name());
      SchemaProperty next = now.get(p.name());
      if (next == null) {
        add(p.path(), "property " + p.path() + " was removed or renamed", true);
      } else {
        property(p, next);
      }
    }
    for (SchemaProperty p : after) {
      if (!old.contains(p.name())) {
        add(p.path(), (p.required() ? "required" : "optional") + " property " + p.path() + " was added", false);
      }
    }
  }

  private void property(SchemaProperty before, SchemaProperty after) {
    String path = after.path();
    if (!Objects.equals(before.logicalType(), after.logicalType())) {
      boolean widened = WIDENINGS.contains(before.logicalType() + "->" + after.logicalType());
      add(path, "type of " + path + " changed from " + before.logicalType() + " to " + after.logicalType()
          + (widened ? " (widened)" : ""), !widened);
    }
    if (!Objects.equals(before.physicalType(), after.physicalType())) {
      add(path, "physical type of " + path + " changed from " + before.physicalType() + " to " + after.physicalType(), false);
    }
    if (!before.required() && after.required()) {
      add(path, path + " became required", true);
    } else if (before.required() && !after.required()) {
      add(path, path + " became optional", false);
    }
    if (before.unique() != after.unique()) {
      add(path, path + (after.unique() ? " became unique" : " is no longer unique"), false);
    }
    List<String> removedValues = new ArrayList<>(before.validValues());
    removedValues.removeAll(after.validValues());
    if (!before.validValues().isEmpty() && !removedValues.isEmpty()) {
      add(path, "allowed values " + removedValues + " of " + path + " were removed", true);
    }
    List<String> addedValues = new ArrayList<>(after.validValues());
    addedValues.removeAll(before.validValues());
    if (!addedValues.isEmpty()) {
      add(path, "allowed values " + addedValues + " of " + path + " were added", false);
    }
    classification(path, before.classification(), after.classification());
    if (!Objects.equals(before.description(), after.description())) {
      add(path, "description of " + path + " changed", false);
    }
    if (before.criticalDataElement() != after.criticalDataElement()) {
      add(path, path + (after.criticalDataElement() ? " became" : " is no longer") + " a critical data element", false);
    }
    if (!before.quality().equals(after.quality()) && before.validValues().equals(after.validValues())) {
      add(path, "quality rules of " + path + " changed", false);
    }
    properties(before.properties(), after.properties());
  }

  private void classification(String path, String before, String after) {
    if (Objects.equals(before, after)) {
      return;
    }
    int was = before == null ? -1 : CLASSIFICATIONS.indexOf(before);
    int is = after == null ? -1 : CLASSIFICATIONS.indexOf(after);
    boolean lowered = before != null && (after == null || (was >= 0 && is >= 0 && is < was));
    add(path, "classification of " + path + " changed from " + (before == null ? "none" : before) + " to "
        + (after == null ? "none" : after) + (lowered ? " (lowered)" : ""), lowered);
  }

  private void section(String name, Object before, Object after) {
    if (!before.equals(after)) {
      add(name, name + " changed", false);
    }
  }

  private void add(String element, String description, boolean breaking) {
    changes.add(new Change(element, description, breaking));
  }

  private static List<SchemaProperty> primaryKey(List<SchemaProperty> properties) {
    return properties.stream().filter(SchemaProperty::primaryKey)
        .sorted((a, b) -> Integer.compare(a.primaryKeyPosition(), b.primaryKeyPosition()))
        .toList();
  }

  private static List<String> paths(List<SchemaProperty> properties) {
    return properties.stream().map(SchemaProperty::path).toList();
  }

  private static String names(List<SchemaProperty> properties) {
    return properties.stream().map(SchemaProperty::name).toList().toString();
  }
}
