package io.meshwork.catalog;

import com.mongodb.reactivestreams.client.MongoClient;
import io.meshwork.runtime.auth.Caller;
import io.meshwork.runtime.mongo.EmbeddedMongo;
import io.meshwork.runtime.mongo.MongoFactory;
import io.meshwork.runtime.problem.ProblemHandler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The catalog on a port of its own, over an in-memory MongoDB-wire server, for fast HTTP tests.
 * Token verification is the node's business (tested in the node's IT); here a test header names
 * the caller: {@code X-Test-Caller: olivia|domain-owner|/domains/orders}.
 */
final class CatalogServer implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  /** Caller.CONTEXT_KEY is package-private to runtime.auth; this is its value. */
  private static final String CALLER_KEY = "meshwork.caller";

  private final Vertx vertx = Vertx.vertx();
  private final EmbeddedMongo mongo = EmbeddedMongo.inMemory("127.0.0.1");
  private final MongoClient client = MongoFactory.create(mongo.connectionString());
  private final HttpServer server;

  CatalogServer() throws Exception {
    Catalog catalog = new Catalog(vertx, client.getDatabase("catalog-test"));
    Router router = Router.router(vertx);
    new ProblemHandler().install(router);
    router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(1024 * 1024)).handler(ctx -> {
      String header = ctx.request().getHeader("X-Test-Caller");
      if (header != null) {
        String[] parts = header.split("\\|", -1);
        ctx.put(CALLER_KEY, new Caller(parts[0], parts[0], set(parts[1]), set(parts[2])));
      }
      ctx.next();
    });
    catalog.mount(router);
    catalog.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  static final String OLIVIA = "olivia|domain-owner|/domains/orders";
  static final String ADA = "ada|mesh-admin|";
  static final String CARLOS = "carlos|data-consumer|";

  HttpResponse<String> put(String path, String yaml, String caller) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).header("X-Test-Caller", caller).header("Content-Type", "application/yaml")
        .PUT(HttpRequest.BodyPublishers.ofString(yaml)).build());
  }

  HttpResponse<String> get(String path, String caller) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).header("X-Test-Caller", caller).build());
  }

  HttpResponse<String> delete(String path, String caller) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).header("X-Test-Caller", caller).DELETE().build());
  }

  HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.actualPort() + path);
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    client.close();
    mongo.close();
  }

  private static Set<String> set(String csv) {
    return csv.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(csv.split(",")));
  }
}
