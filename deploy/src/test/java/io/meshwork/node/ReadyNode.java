package io.meshwork.node;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Starts a node from a configuration and returns it once it is ready ({@code /health/ready} answers
 * 200: signing keys loaded, store reachable): how a {@link TestMesh} starts its node, and how tests
 * that build their own node start it. A node that is not ready within 60 s is stopped and fails the test.
 */
final class ReadyNode {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final long READY_WITHIN_MILLIS = 60_000;

  private ReadyNode() {}

  static MeshNode start(NodeConfig config) throws Exception {
    MeshNode node = MeshNode.start(config).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/health/ready")).build();
    long deadline = System.currentTimeMillis() + READY_WITHIN_MILLIS;
    while (HTTP.send(ready, HttpResponse.BodyHandlers.ofString()).statusCode() != 200) {
      if (System.currentTimeMillis() > deadline) {
        node.stop();
        throw new AssertionError("the node on port " + node.port() + " was not ready within 60 s");
      }
      Thread.sleep(250);
    }
    return node;
  }
}
