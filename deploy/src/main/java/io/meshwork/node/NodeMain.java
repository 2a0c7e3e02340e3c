package io.meshwork.node;

import io.meshwork.runtime.config.Config;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar meshwork-node.jar}: starts a mesh node and stops it cleanly on SIGTERM/Ctrl-C. */
public final class NodeMain {

  private static final Logger LOG = LoggerFactory.getLogger(NodeMain.class);

  private NodeMain() {}

  public static void main(String[] args) throws InterruptedException {
    NodeConfig config;
    try {
      config = NodeConfig.from(Config.load("meshwork-node.properties", System.getenv()));
    } catch (IllegalArgumentException e) {
      System.err.println("meshwork-node: " + e.getMessage());
      System.exit(2);
      return;
    }
    CountDownLatch started = new CountDownLatch(1);
    MeshNode.start(config)
        .onSuccess(node -> {
          Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping mesh node");
            node.stop();
          }, "meshwork-shutdown"));
          LOG.info("mesh node listening on http://{}:{} (issuer {}, home {})",
              config.httpHost(), node.port(), config.issuer(), config.home());
          started.countDown();
        })
        .onFailure(err -> {
          LOG.error("mesh node failed to start: {}", err.toString());
          System.exit(1);
        });
    started.await();
  }
}
