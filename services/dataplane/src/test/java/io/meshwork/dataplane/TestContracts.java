package io.meshwork.dataplane;

import io.meshwork.model.contract.DataContract;
import io.meshwork.model.document.DocumentFormat;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;

/** Contracts of the tests, read as the catalog reads them. */
public final class TestContracts {

  private TestContracts() {}

  /** The demo orders contract (order_lines: composite primary key, a DECIMAL, a timestamp, a confidential e-mail). */
  public static DataContract orderLines() {
    return resource("/order-lines-v1.yaml");
  }

  public static DataContract yaml(String yaml) {
    return DataContract.from(DocumentFormat.YAML.read(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  static DataContract resource(String name) {
    try (InputStream in = TestContracts.class.getResourceAsStream(name)) {
      return DataContract.from(DocumentFormat.YAML.read(in.readAllBytes()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
