package io.meshwork.dataplane;

import io.meshwork.dataplane.storage.PortSchema;
import io.meshwork.model.contract.DataContract;
import io.meshwork.model.lifecycle.Lifecycle;
import java.util.Objects;

/**
 * An output port as the data plane needs it: the product's domain (which database) and the
 * contract in force for the port (which table, which columns, which rules).
 */
public record PortContract(String productId, String domain, Lifecycle productStatus, String port, DataContract contract) {

  public PortContract {
    Objects.requireNonNull(productId, "productId");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(port, "port");
    Objects.requireNonNull(contract, "contract");
  }

  /** The tables and columns of the port under its contract's major version. */
  public PortSchema schema() {
    return PortSchema.of(productId, port, contract);
  }
}
