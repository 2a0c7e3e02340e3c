package io.meshwork.dataplane.ingest;

import static io.meshwork.dataplane.TestContracts.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.dataplane.PortContract;
import io.meshwork.dataplane.batch.Batch;
import io.meshwork.dataplane.storage.DomainDatabases;
import io.meshwork.model.contract.DataContract;
import io.meshwork.model.document.DocumentFormat;
import io.meshwork.model.lifecycle.Lifecycle;
import io.meshwork.quality.QualityEngine;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo data that `meshwork up` loads fits the demo contracts: every row valid but the two bad order lines. */
class DemoDataTest {

  static final Path DEMO = Path.of("../../deploy/demo").toAbsolutePath().normalize();

  @TempDir Path home;

  @Test
  void everyDemoFileLoadsIntoItsProduct() throws Exception {
    Vertx vertx = Vertx.vertx();
    BatchWriter writer = new BatchWriter(new QualityEngine());
    Runs runs = new Runs();
    int loaded = 0;
    try (DomainDatabases dbs = new DomainDatabases(vertx, home, Map.of(), Set.of(), 2); var products = Files.list(DEMO.resolve("products"))) {
      for (Path productFile : products.sorted().toList()) {
        JsonNode product = DocumentFormat.YAML.read(Files.readAllBytes(productFile));
        String id = product.get("id").asText();
        JsonNode port = product.get("outputPorts").get(0);
        DataContract contract = DataContract.from(DocumentFormat.YAML.read(
            Files.readAllBytes(DEMO.resolve("contracts/" + port.get("contractId").asText() + ".yaml"))));
        Path data = Files.exists(DEMO.resolve("data/" + id + ".csv")) ? DEMO.resolve("data/" + id + ".csv") : DEMO.resolve("data/" + id + ".ndjson");
        assertThat(data).as("demo data of " + id).exists();
        SourceFormat format = data.toString().endsWith(".csv") ? SourceFormat.CSV : SourceFormat.NDJSON;
        PortContract target = new PortContract(id, product.get("domain").asText(), Lifecycle.ACTIVE, port.get("name").asText(), contract);
        Run run = runs.start(target.domain(), id, target.port(), "upload", "push");
        Batch batch = await(dbs.write(target.domain(), c -> writer.write(c, target, new IngestJob(data, format, "upload", null), run))).batch();
        assertThat(batch.status()).as(id + ": " + batch.toJson().encode()).isEqualTo(Batch.COMMITTED);
        assertThat(batch.rowsQuarantined()).as(id + ": " + batch.reasons().encode()).isEqualTo(id.equals("orders-daily") ? 2 : 0);
        assertThat(batch.rowsValid()).isGreaterThan(50);
        loaded++;
      }
    } finally {
      await(vertx.close());
    }
    assertThat(loaded).isEqualTo(11);
  }
}
