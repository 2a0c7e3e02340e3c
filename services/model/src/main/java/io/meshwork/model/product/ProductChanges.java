package io.meshwork.model.product;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.model.lifecycle.Change;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What changed between two revisions of a data product, in words: its status, its ports (added,
 * removed, moved to another contract or version) and which other sections changed. Products
 * have no breaking-change gate of their own — their contracts carry it — so no change here is
 * marked breaking.
 */
public final class ProductChanges {

  private ProductChanges() {}

  public static List<Change> between(DataProduct from, DataProduct to) {
    List<Change> changes = new ArrayList<>();
    if (from.status() != to.status()) {
      changes.add(new Change("status", "status changed from " + from.status().wireName() + " to " + to.status().wireName(), false));
    }
    ports(changes, "input port", portsOf(from.inputPorts()), portsOf(to.inputPorts()));
    ports(changes, "output port", outputsOf(from.outputPorts()), outputsOf(to.outputPorts()));
    JsonNode before = from.document();
    JsonNode after = to.document();
    TreeSet<String> sections = new TreeSet<>();
    before.fieldNames().forEachRemaining(sections::add);
    after.fieldNames().forEachRemaining(sections::add);
    for (String section : sections) {
      if (List.of("status", "inputPorts", "outputPorts").contains(section)) {
        continue;
      }
      if (!Objects.equals(before.get(section), after.get(section))) {
        String verb = before.get(section) == null ? "was added" : after.get(section) == null ? "was removed" : "changed";
        changes.add(new Change(section, section + " " + verb, false));
      }
    }
    return changes;
  }

  private static void ports(List<Change> changes, String what, Map<String, String> before, Map<String, String> after) {
    before.forEach((name, contract) -> {
      if (!after.containsKey(name)) {
        changes.add(new Change(name, what + " " + name + " was removed", false));
      } else if (!after.get(name).equals(contract)) {
        changes.add(new Change(name, what + " " + name + " changed from " + contract + " to " + after.get(name), false));
      }
    });
    after.forEach((name, contract) -> {
      if (!before.containsKey(name)) {
        changes.add(new Change(name, what + " " + name + " was added (" + contract + ")", false));
      }
    });
  }

  private static Map<String, String> portsOf(List<DataProduct.InputPort> ports) {
    Map<String, String> byName = new LinkedHashMap<>();
    ports.forEach(p -> byName.put(p.name(), "contract " + p.contractId() + " version " + p.version()));
    return byName;
  }

  private static Map<String, String> outputsOf(List<DataProduct.OutputPort> ports) {
    Map<String, String> byName = new LinkedHashMap<>();
    ports.forEach(p -> byName.put(p.name(), "contract " + (p.contractId() == null ? "none" : p.contractId()) + " version " + p.version()));
    return byName;
  }
}
