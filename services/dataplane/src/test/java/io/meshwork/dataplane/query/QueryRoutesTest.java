package io.meshwork.dataplane.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwork.runtime.problem.ProblemHandler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQL route over HTTP: a large result streams in chunks to a slow reader, errors are problems. */
class QueryRoutesTest {

  @TempDir
  Path dir;
  ReadFixture mesh;
  HttpServer server;
  HttpClient client;

  @BeforeEach
  void start() throws Exception {
    mesh = new ReadFixture(dir);
    ReadFixture.await(mesh.domains.write("orders", c -> {
      try (Statement s = c.createStatement()) {
        s.execute("INSERT INTO \"orders-daily__order_lines__v1\" SELECT 'big-' || i, 1, 'someone' || i || '@example.com', 'sku', 'web', 1.00,"
            + " TIMESTAMP '2024-05-01 10:00:00', 2 FROM range(300000) t(i)");
      }
      return null;
    }));
    Router router = Router.router(mesh.vertx);
    new ProblemHandler().install(router);
    router.route("/api/*").handler(BodyHandler.create(false)).handler(ctx -> {
      ctx.put("meshwork.caller", "olivia".equals(ctx.request().getHeader("X-Test-User")) ? ReadFixture.OLIVIA : ReadFixture.CARLOS);
      ctx.next();
    });
    new QueryRoutes(mesh.queries, QuerySettings.defaults()).mount(router);
    server = ReadFixture.await(mesh.vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    client = mesh.vertx.createHttpClient();
  }

  @AfterEach
  void stop() throws Exception {
    ReadFixture.await(client.close());
    ReadFixture.await(server.close());
    mesh.close();
  }

  @Test
  void aLargeResultStreamsInChunksToASlowReader() throws Exception {
    JsonObject body = new JsonObject().put("sql", "SELECT order_id, customer_email FROM " + ReadFixture.SQL_NAME + " ORDER BY order_id")
        .put("format", "ndjson").put("limit", 1_000_000).put("purpose", "analytics");
    AtomicLong lines = new AtomicLong();
    AtomicLong chunks = new AtomicLong();
    CompletableFuture<HttpClientResponse> done = new CompletableFuture<>();
    client.request(HttpMethod.POST, server.actualPort(), "127.0.0.1", "/api/v1/query")
        .compose(request -> request.putHeader("Content-Type", "application/json").send(body.encode()))
        .onSuccess(response -> {
          response.handler(chunk -> {
            chunks.incrementAndGet();
            for (int i = 0; i < chunk.length(); i++) {
              if (chunk.getByte(i) == '\n') {
                lines.incrementAndGet();
              }
            }
            // a slow reader: pause now and then, so the server must wait for the client to drain
            if (chunks.get() % 50 == 0) {
              response.pause();
              mesh.vertx.setTimer(20, t -> response.resume());
            }
          });
          response.endHandler(v -> done.complete(response));
          response.exceptionHandler(done::completeExceptionally);
        })
        .onFailure(done::completeExceptionally);
    HttpClientResponse response = done.get(120, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("Transfer-Encoding")).isEqualTo("chunked");
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/x-ndjson");
    assertThat(lines.get()).isEqualTo(300_003); // 300,000 generated web rows and the fixture's three
    assertThat(chunks.get()).isGreaterThan(100);
  }

  @Test
  void refusalsAreProblems() throws Exception {
    Buffer answer = post(new JsonObject().put("sql", "SELECT * FROM read_csv('/etc/passwd')"), 400);
    assertThat(answer.toJsonObject().getJsonArray("errors").getJsonObject(0).getString("reason")).contains("read_csv");
    post(new JsonObject().put("sql", "SELECT * FROM " + ReadFixture.SQL_NAME).put("purpose", "marketing"), 403);
    post(new JsonObject().put("sql", "SELECT 1").put("limit", 0), 400);
    post(new JsonObject().put("sql", "SELECT * FROM " + ReadFixture.SQL_NAME).put("format", "xml"), 400);
  }

  /**
   * One refused query over a plain JDK client (a connection of its own, as a consumer's tool would
   * have). Should the server not answer, the failure carries every thread's stack, so a hang is
   * diagnosable from the CI log alone.
   */
  private Buffer post(JsonObject body, int status) throws Exception {
    java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + server.actualPort() + "/api/v1/query"))
        .timeout(java.time.Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body.encode()))
        .build();
    java.net.http.HttpResponse<String> response;
    try {
      response = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    } catch (java.net.http.HttpTimeoutException e) {
      StringBuilder threads = new StringBuilder("no answer within 60 s; threads:\n");
      Thread.getAllStackTraces().forEach((thread, stack) -> {
        threads.append(thread.getName()).append(" ").append(thread.getState()).append('\n');
        for (StackTraceElement frame : stack) {
          threads.append("    at ").append(frame).append('\n');
        }
      });
      throw new AssertionError(threads.toString(), e);
    }
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).contains(ProblemHandler.MEDIA_TYPE);
    return Buffer.buffer(response.body());
  }
}
