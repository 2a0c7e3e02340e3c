package io.meshwork.model.product;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwork.model.document.DocumentFormat;
import io.meshwork.model.lifecycle.Change;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class ProductChangesTest {

  private static ObjectNode sample() throws IOException {
    try (InputStream in = ProductChangesTest.class.getResourceAsStream("/orders-daily.yaml")) {
      return (ObjectNode) DocumentFormat.YAML.read(in.readAllBytes());
    }
  }

  @Test
  void describesStatusPortsAndSectionsInWords() throws IOException {
    ObjectNode after = sample();
    after.put("status", "deprecated");
    ((ObjectNode) after.at("/outputPorts/0")).put("contractId", "order-lines-v2").put("version", "2.0.0");
    ((ArrayNode) after.get("inputPorts")).removeAll();
    after.putObject("description").put("purpose", "Order lines.");
    after.remove("someFutureField");

    assertThat(ProductChanges.between(DataProduct.from(sample()), DataProduct.from(after)))
        .noneMatch(Change::breaking)
        .extracting(Change::description)
        .containsExactly(
            "status changed from active to deprecated",
            "input port checkout-events was removed",
            "output port order-lines changed from contract order-lines-v1 version 1.0.0 to contract order-lines-v2 version 2.0.0",
            "description changed",
            "someFutureField was removed");
  }

  @Test
  void identicalProductsHaveNoChanges() throws IOException {
    assertThat(ProductChanges.between(DataProduct.from(sample()), DataProduct.from(sample()))).isEmpty();
  }
}
