package io.meshwork.catalog.lineage;

import io.meshwork.model.lineage.RunEvent;
import java.util.Optional;

/**
 * How OpenLineage names map onto the graph. Node ids follow Marquez's convention
 * ({@code dataset:<namespace>:<name>}, {@code job:<namespace>:<name>}), plus
 * {@code product:<id>} for Meshwork data products. A dataset in namespace
 * {@code meshwork://<domain>} named {@code <product>.<port>} is the output port {@code port} of
 * product {@code product}: it becomes that product's node, and the port is kept on the edge. So a
 * pipeline that reports writing {@code meshwork://orders} / {@code orders-daily.order_lines}
 * links its job to the product {@code orders-daily}.
 */
final class LineageNames {

  static final String MESH_NAMESPACE = "meshwork://";

  /** A product's output port named by a dataset. */
  record Port(String domain, String product, String port) {}

  private LineageNames() {}

  static String product(String productId) {
    return "product:" + productId;
  }

  static String job(RunEvent.Name job) {
    return "job:" + job.namespace() + ":" + job.name();
  }

  static String dataset(RunEvent.Name dataset) {
    return port(dataset).map(p -> product(p.product())).orElse("dataset:" + dataset.namespace() + ":" + dataset.name());
  }

  /** A dataset that stands for a product (declared input port) and whose contract is known but not its producer. */
  static String contract(String contractId) {
    return "dataset:contract:" + contractId;
  }

  static Optional<Port> port(RunEvent.Name dataset) {
    if (!dataset.namespace().startsWith(MESH_NAMESPACE)) {
      return Optional.empty();
    }
    String domain = dataset.namespace().substring(MESH_NAMESPACE.length());
    int dot = dataset.name().indexOf('.');
    if (domain.isEmpty() || dot <= 0 || dot == dataset.name().length() - 1) {
      return Optional.empty();
    }
    return Optional.of(new Port(domain, dataset.name().substring(0, dot), dataset.name().substring(dot + 1)));
  }

  /**
   * The node id a query names: a full id ({@code product:…}, {@code dataset:…}, {@code job:…}) or
   * simply a product id.
   */
  static String ofQuery(String node) {
    return node.startsWith("product:") || node.startsWith("dataset:") || node.startsWith("job:") ? node : product(node);
  }
}
