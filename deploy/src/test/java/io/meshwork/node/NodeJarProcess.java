package io.meshwork.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The shaded node jar run as a process of its own, for what an in-JVM node cannot show (the
 * shaded class path, a SIGKILL). Its output is appended to a log file; {@link #start} returns once
 * {@code /health/ready} answers 200, and fails the test with the log if the process dies first.
 */
final class NodeJarProcess {

  /** The jar the package phase builds. */
  static final Path JAR = Path.of("target/meshwork-node.jar");

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private NodeJarProcess() {}

  /**
   * Starts {@code java [jvmOptions] -jar jar} with {@code env} added to this JVM's environment and
   * waits until the node on {@code port} is ready.
   */
  static Process start(Path jar, List<String> jvmOptions, Map<String, String> env, int port, Path log, Duration readyWithin)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toAbsolutePath().toString());
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    Process node = builder.start();
    HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).build();
    long deadline = System.currentTimeMillis() + readyWithin.toMillis();
    while (true) {
      assertThat(node.isAlive()).as("node process alive; log:\n" + Files.readString(log)).isTrue();
      try {
        if (HTTP.send(ready, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
          return node;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      assertThat(System.currentTimeMillis()).as("node ready within " + readyWithin.toSeconds() + " s").isLessThan(deadline);
      Thread.sleep(250);
    }
  }

  /** Asks a running node to stop (SIGTERM) and kills it if it has not within {@code grace}. */
  static void stop(Process node, Duration grace) throws InterruptedException {
    if (node != null && node.isAlive()) {
      node.destroy();
      if (!node.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        node.destroyForcibly();
      }
    }
  }
}
