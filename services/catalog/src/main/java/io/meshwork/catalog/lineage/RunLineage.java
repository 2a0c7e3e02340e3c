package io.meshwork.catalog.lineage;

import io.meshwork.model.lineage.RunEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one RunEvent says about the graph: the job, the datasets (or Meshwork product ports) it read
 * and wrote, an edge per input and output, and a column edge per input column an output column was
 * derived from ({@code columnLineage} facet). Pure: nothing is stored or changed here.
 */
record RunLineage(List<LineageNode> nodes, List<LineageEdge> edges) {

  static RunLineage of(RunEvent event) {
    Map<String, LineageNode> nodes = new LinkedHashMap<>();
    List<LineageEdge> edges = new ArrayList<>();
    String job = LineageNames.job(event.job());
    Map<String, Object> jobAttributes = new LinkedHashMap<>();
    jobAttributes.put("namespace", event.job().namespace());
    jobAttributes.put("name", event.job().name());
    jobAttributes.put("lastRunId", event.runId().toString());
    jobAttributes.put("lastEventTime", event.eventTime().toString());
    jobAttributes.put("producer", event.producer());
    if (event.eventType() != null) {
      jobAttributes.put("lastState", event.eventType().name());
    }
    nodes.put(job, new LineageNode(job, LineageNode.Kind.JOB, event.job().name(), jobAttributes));

    for (RunEvent.Dataset input : event.inputs()) {
      String id = dataset(input.name(), input.columns(), nodes);
      edges.add(new LineageEdge(id, job, LineageEdge.INPUT, runAttributes(event, portOf(input.name(), "port"))));
    }
    for (RunEvent.Dataset output : event.outputs()) {
      String id = dataset(output.name(), output.columns(), nodes);
      edges.add(new LineageEdge(job, id, LineageEdge.OUTPUT, runAttributes(event, portOf(output.name(), "port"))));
      for (RunEvent.ColumnLineage column : output.columnLineage()) {
        String from = dataset(column.input(), List.of(), nodes);
        Map<String, String> attributes = new HashMap<>();
        attributes.putAll(portOf(column.input(), "fromPort"));
        attributes.putAll(portOf(output.name(), "toPort"));
        attributes.put("fromColumn", column.inputColumn());
        attributes.put("toColumn", column.outputColumn());
        if (column.transformation() != null) {
          attributes.put("transformation", column.transformation());
        }
        edges.add(new LineageEdge(from, id, LineageEdge.COLUMN, attributes));
      }
    }
    return new RunLineage(List.copyOf(nodes.values()), edges);
  }

  private static String dataset(RunEvent.Name name, List<String> columns, Map<String, LineageNode> nodes) {
    String id = LineageNames.dataset(name);
    LineageNode node = LineageNames.port(name)
        .map(port -> new LineageNode(id, LineageNode.Kind.PRODUCT, port.product(), Map.<String, Object>of("domain", port.domain(), "registered", false)))
        .orElseGet(() -> {
          Map<String, Object> attributes = new LinkedHashMap<>();
          attributes.put("namespace", name.namespace());
          attributes.put("name", name.name());
          if (!columns.isEmpty()) {
            attributes.put("columns", List.copyOf(columns));
          }
          return new LineageNode(id, LineageNode.Kind.DATASET, name.name(), attributes);
        });
    nodes.merge(id, node, LineageNode::mergedWith);
    return id;
  }

  private static Map<String, String> portOf(RunEvent.Name name, String attribute) {
    return LineageNames.port(name).map(p -> Map.of(attribute, p.port())).orElse(Map.of());
  }

  private static Map<String, String> runAttributes(RunEvent event, Map<String, String> port) {
    Map<String, String> attributes = new HashMap<>(port);
    attributes.put("lastRunId", event.runId().toString());
    attributes.put("lastEventTime", event.eventTime().toString());
    if (event.eventType() != null) {
      attributes.put("lastState", event.eventType().name());
    }
    return attributes;
  }
}
