package io.meshwork.catalog.lineage;

import io.meshwork.model.product.DataProduct;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Lineage that products declare: an input port names the contract it reads, and the product whose
 * output port serves that contract is upstream of it. Kept as two indexes (contract → producing
 * products, contract → consuming products) so that a product's change re-derives only the edges
 * it can affect: its own input ports, and the input ports of products that read what it serves.
 * An input port whose contract no registered product serves (external data, or a producer not yet
 * registered) gets a dataset node for the contract, so it still shows up.
 */
final class PortLineage {

  private final LineageGraph graph;
  private final Map<String, DataProduct> products = new HashMap<>();
  private final Map<String, Set<String>> producers = new HashMap<>();
  private final Map<String, Set<String>> consumers = new HashMap<>();

  PortLineage(LineageGraph graph) {
    this.graph = graph;
  }

  /** A product was registered or changed. */
  synchronized void put(DataProduct product) {
    DataProduct before = products.put(product.id(), product);
    Set<String> served = new LinkedHashSet<>(outputContracts(product));
    if (before != null) {
      served.addAll(outputContracts(before));
      unindex(before);
    }
    index(product);
    graph.putNode(node(product));
    derive(product.id());
    served.forEach(contract -> List.copyOf(consumers.getOrDefault(contract, Set.of())).forEach(this::derive));
  }

  /** A (draft) product was deleted: its declared edges go, its consumers are re-derived. */
  synchronized void remove(String productId) {
    DataProduct before = products.remove(productId);
    if (before == null) {
      return;
    }
    unindex(before);
    cleanUp(graph.replaceInto(LineageNames.product(productId), LineageEdge.INPUT_PORT, List.of()));
    outputContracts(before).forEach(contract -> List.copyOf(consumers.getOrDefault(contract, Set.of())).forEach(this::derive));
    graph.putNode(new LineageNode(LineageNames.product(productId), LineageNode.Kind.PRODUCT, productId, Map.of("registered", false)));
    graph.removeIfIsolated(LineageNames.product(productId));
  }

  private void derive(String productId) {
    DataProduct product = products.get(productId);
    if (product == null) {
      return;
    }
    String to = LineageNames.product(productId);
    List<LineageEdge> edges = new ArrayList<>();
    for (DataProduct.InputPort port : product.inputPorts()) {
      Set<String> from = new TreeSet<>(producers.getOrDefault(port.contractId(), Set.of()));
      from.remove(productId);
      if (from.isEmpty()) {
        String source = LineageNames.contract(port.contractId());
        graph.putNode(new LineageNode(source, LineageNode.Kind.DATASET, port.contractId(),
            Map.of("contract", port.contractId(), "external", port.external())));
        edges.add(new LineageEdge(source, to, LineageEdge.INPUT_PORT, Map.of("port", port.name(), "contract", port.contractId())));
        continue;
      }
      for (String producer : from) {
        String outputPort = products.get(producer).outputPorts().stream()
            .filter(o -> port.contractId().equals(o.contractId())).map(DataProduct.OutputPort::name).findFirst().orElse("");
        edges.add(new LineageEdge(LineageNames.product(producer), to, LineageEdge.INPUT_PORT,
            Map.of("port", port.name(), "contract", port.contractId(), "outputPort", outputPort)));
      }
    }
    cleanUp(graph.replaceInto(to, LineageEdge.INPUT_PORT, edges));
  }

  /** Contract nodes no input port points at any more disappear. */
  private void cleanUp(List<LineageEdge> removed) {
    removed.stream().map(LineageEdge::from).filter(id -> id.startsWith("dataset:contract:")).distinct().forEach(graph::removeIfIsolated);
  }

  private void index(DataProduct product) {
    outputContracts(product).forEach(c -> producers.computeIfAbsent(c, k -> new LinkedHashSet<>()).add(product.id()));
    product.inputPorts().forEach(p -> consumers.computeIfAbsent(p.contractId(), k -> new LinkedHashSet<>()).add(product.id()));
  }

  private void unindex(DataProduct product) {
    outputContracts(product).forEach(c -> producers.getOrDefault(c, new LinkedHashSet<>()).remove(product.id()));
    product.inputPorts().forEach(p -> consumers.getOrDefault(p.contractId(), new LinkedHashSet<>()).remove(product.id()));
  }

  private static List<String> outputContracts(DataProduct product) {
    return product.outputPorts().stream().map(DataProduct.OutputPort::contractId).filter(c -> c != null).toList();
  }

  static LineageNode node(DataProduct product) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("domain", product.domain());
    attributes.put("status", product.status().wireName());
    attributes.put("registered", true);
    attributes.put("outputPorts", product.outputPorts().stream().map(DataProduct.OutputPort::name).toList());
    return new LineageNode(LineageNames.product(product.id()), LineageNode.Kind.PRODUCT,
        product.name() == null ? product.id() : product.name(), attributes);
  }
}
