package io.meshwork.dataplane;

import io.vertx.core.Future;
import java.util.List;

/**
 * Where the data plane learns what a port is: the node answers from its catalog. Fails with
 * {@link io.meshwork.model.error.NotFoundException} for an unknown product or port, or a port
 * without a registered contract.
 */
public interface PortContracts {

  Future<PortContract> port(String productId, String port);

  /** The domain a product belongs to (which database holds its data). */
  Future<String> domain(String productId);

  /** Every output port of a product that has a contract (retention walks these). */
  Future<List<PortContract>> ports(String productId);
}
