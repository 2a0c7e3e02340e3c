package io.meshwork.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The repository's {@code demo/} descriptors, registered on a test mesh the way {@code meshwork up}
 * does: contracts before the products that reference them. A refused registration fails the test
 * with the node's answer.
 */
final class DemoData {

  static final Path DIR = Path.of("demo").toAbsolutePath();

  private DemoData() {}

  /** How a descriptor reaches a node: a {@link TestMesh}'s {@code putYaml}, or a test's own call to a node process. */
  interface Put {
    HttpResponse<String> put(String path, String token, String yaml) throws IOException, InterruptedException;
  }

  /** Every demo contract, then every demo product, in file-name order. */
  static void registerAll(TestMesh mesh, String token) throws IOException, InterruptedException {
    for (String kind : List.of("contracts", "products")) {
      try (var files = Files.list(DIR.resolve(kind))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
          register(mesh, token, kind, file.getFileName().toString().replace(".yaml", ""));
        }
      }
    }
  }

  /** The orders domain's order-lines-v1 contract and its orders-daily product. */
  static void registerOrdersDaily(TestMesh mesh, String token) throws IOException, InterruptedException {
    registerOrdersDaily(mesh::putYaml, token);
  }

  /** The orders domain's order-lines-v1 contract and its orders-daily product, sent through {@code put}. */
  static void registerOrdersDaily(Put put, String token) throws IOException, InterruptedException {
    register(put, token, "contracts", "order-lines-v1");
    register(put, token, "products", "orders-daily");
  }

  /** One demo descriptor: {@code kind} is {@code contracts} or {@code products}, {@code id} its file name without {@code .yaml}. */
  static void register(TestMesh mesh, String token, String kind, String id) throws IOException, InterruptedException {
    register(mesh::putYaml, token, kind, id);
  }

  private static void register(Put put, String token, String kind, String id) throws IOException, InterruptedException {
    Path file = DIR.resolve(kind).resolve(id + ".yaml");
    HttpResponse<String> answer = put.put("/api/v1/" + kind + "/" + id, token, Files.readString(file));
    assertThat(answer.statusCode()).as("PUT %s: %s", file, answer.body()).isBetween(200, 201);
  }
}
