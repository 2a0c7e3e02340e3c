package io.meshwork.quality.run;

import io.meshwork.model.contract.SchemaObject;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;

/**
 * What quality needs to know about a product: its domain and, per output port with a contract, the
 * contract's major version, the schema object the port's table holds (with its rules) and the
 * freshness the contract promises. The catalog provides it; the node wires it.
 */
public interface QualityTargets {

  /** A product and its judged ports. */
  record ProductTarget(String productId, String domain, List<PortTarget> ports) {
    public ProductTarget {
      ports = List.copyOf(ports);
    }
  }

  /** An output port with a contract; {@code freshness} is null when the contract promises none. */
  record PortTarget(String port, int major, SchemaObject object, Duration freshness) {}

  /** The product, or a failed future with a NotFoundException. */
  Future<ProductTarget> product(String productId);

  /**
   * Every product whose rules may be scheduled (not retired), for the quality scheduler. Targets
   * that cannot list products (a single product in a test) schedule nothing.
   */
  default Future<List<ProductTarget>> all() {
    return Future.succeededFuture(List.of());
  }
}
