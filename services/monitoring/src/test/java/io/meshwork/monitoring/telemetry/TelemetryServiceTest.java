package io.meshwork.monitoring.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import io.meshwork.observability.MeshMetrics.BatchOutcome;
import io.meshwork.observability.MeshMetrics.RowOutcome;
import io.meshwork.observability.Telemetry;
import io.meshwork.observability.VertxFactory;
import io.meshwork.runtime.mongo.EmbeddedMongo;
import io.meshwork.runtime.mongo.MongoFactory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The SRE samples from a real Vert.x HTTP server's meters: RED per route template (never the raw
 * path), errors with trace ids, ingestion throughput, health, and the bounded retention.
 */
class TelemetryServiceTest {

  private final Telemetry telemetry = Telemetry.start("telemetry-test");
  private final Vertx vertx = VertxFactory.create(telemetry);
  private final EmbeddedMongo mongo = EmbeddedMongo.inMemory("127.0.0.1");
  private final MongoClient client = MongoFactory.create(mongo.connectionString());

  @AfterEach
  void stop() throws Exception {
    await(vertx.close());
    client.close();
    mongo.close();
    telemetry.close();
  }

  private Router router;

  private java.util.List<io.vertx.ext.web.Route> routerRoutes() {
    return router.getRoutes();
  }

  @Test
  void samplesRedPerRouteTemplateErrorsIngestionAndHealth() throws Exception {
    TelemetryService service = new TelemetryService(vertx, client.getDatabase("telemetry-test"), telemetry.meters(),
        () -> Map.of("ok", 3, "breached", 1), "meshwork-node", Duration.ofSeconds(15), Duration.ofHours(24), () -> routerRoutes());
    router = Router.router(vertx);
    router.route().handler(service.recentErrors());
    router.route("/api/*").handler(ctx -> ctx.next()); // as the node's body and auth handlers
    router.route().failureHandler(ctx -> ctx.response().setStatusCode(ctx.statusCode()).end());
    router.get("/api/v1/forbidden/:id").handler(ctx -> ctx.fail(403));
    router.get("/api/v1/products/:id").handler(ctx -> vertx.setTimer(20, t -> ctx.json(new JsonObject().put("id", ctx.pathParam("id")))));
    router.get("/api/v1/broken").handler(ctx -> ctx.response().setStatusCode(503).end());
    HttpServer server = await(vertx.createHttpServer(new io.vertx.core.http.HttpServerOptions()
        .setTracingPolicy(io.vertx.core.tracing.TracingPolicy.ALWAYS)).requestHandler(router).listen(0, "127.0.0.1"));
    service.start();

    HttpClient http = vertx.createHttpClient();
    for (int i = 0; i < 10; i++) {
      assertThat(call(http, server.actualPort(), "/api/v1/products/p-" + i)).isEqualTo(200);
    }
    assertThat(call(http, server.actualPort(), "/api/v1/broken")).isEqualTo(503);
    assertThat(call(http, server.actualPort(), "/api/v1/nowhere")).isEqualTo(404);
    assertThat(call(http, server.actualPort(), "/api/v1/forbidden/secret-id")).isEqualTo(403);
    telemetry.metrics().ingestionRows("orders", RowOutcome.VALID, 5000);
    telemetry.metrics().ingestionRows("orders", RowOutcome.QUARANTINED, 7);
    telemetry.metrics().batch("orders", BatchOutcome.COMMITTED);
    await(service.sampleNow());

    Instant from = Instant.now().minus(Duration.ofMinutes(5));
    Instant to = Instant.now().plusSeconds(5);
    JsonArray red = await(service.red(null, null, from, to)).getJsonArray("series");
    JsonObject products = series(red, "/api/v1/products/:id");
    JsonObject point = products.getJsonArray("points").getJsonObject(0);
    assertThat(point.getLong("requests")).isEqualTo(10);
    assertThat(point.getLong("errors")).isZero();
    assertThat(point.getDouble("p50")).isBetween(15.0, 500.0);
    assertThat(point.getDouble("p99")).isGreaterThanOrEqualTo(point.getDouble("p50"));
    assertThat(series(red, "/api/v1/broken").getJsonArray("points").getJsonObject(0).getLong("errors")).isEqualTo(1);
    assertThat(red.encode()).as("no raw paths").doesNotContain("p-3");

    JsonArray errors = await(service.errors(null, from, to, 10)).getJsonArray("items");
    assertThat(errors).hasSize(3);
    assertThat(errors.stream().map(e -> ((JsonObject) e).getString("route")).toList())
        .containsExactlyInAnyOrder("/api/v1/broken", "/api/v1/forbidden/:id", "/api/*");
    assertThat(errors.encode()).as("no raw paths").doesNotContain("secret-id").doesNotContain("nowhere");
    JsonObject broken = errors.stream().map(JsonObject.class::cast).filter(e -> e.getInteger("status") == 503).findFirst().orElseThrow();
    assertThat(broken.getString("route")).isEqualTo("/api/v1/broken");
    assertThat(broken.getString("traceId")).matches("[0-9a-f]{32}");
    assertThat(await(service.errors("5xx", from, to, 10)).getJsonArray("items")).hasSize(1);
    assertThat(red.encode()).as("route labels are the template that served, not the chain").doesNotContain(">");

    JsonObject ingestion = await(service.ingestion("orders", from, to)).getJsonArray("points").getJsonObject(0);
    assertThat(ingestion.getLong("rowsValid")).isEqualTo(5000);
    assertThat(ingestion.getLong("rowsQuarantined")).isEqualTo(7);
    assertThat(ingestion.getJsonObject("batches").getLong("committed")).isEqualTo(1);

    JsonObject slo = await(service.slo(from, to)).getJsonArray("points").getJsonObject(0);
    assertThat(slo.getJsonObject("products").getInteger("breached")).isEqualTo(1);

    JsonObject health = await(service.health(from, to));
    assertThat(health.getJsonObject("current").getLong("heapUsedBytes")).isPositive();
    assertThat(health.getJsonObject("current").containsKey("eventLoopLagMs")).isTrue();
    assertThat(health.getJsonArray("points")).hasSize(1);

    // a second sample covers only what happened since the first
    assertThat(call(http, server.actualPort(), "/api/v1/products/again")).isEqualTo(200);
    await(service.sampleNow());
    JsonArray points = series(await(service.red(null, "/api/v1/products/:id", from, to)).getJsonArray("series"), "/api/v1/products/:id")
        .getJsonArray("points");
    assertThat(points).hasSize(2);
    assertThat(points.getJsonObject(1).getLong("requests")).isEqualTo(1);
  }

  @Test
  void samplesOlderThanTheRetentionAreDeleted() throws Exception {
    TelemetryStore store = new TelemetryStore(vertx, client.getDatabase("retention-test"));
    Instant now = Instant.now();
    await(store.insert(java.util.List.of(new JsonObject().put("kind", "health").put("at", now.minus(Duration.ofHours(25)).toString()),
        new JsonObject().put("kind", "health").put("at", now.minus(Duration.ofHours(1)).toString())), "n", "s", now));
    assertThat(await(store.deleteBefore(now.minus(Duration.ofHours(24))))).isEqualTo(1);
    assertThat(await(store.read("health", now.minus(Duration.ofDays(2)), now, java.util.List.of(), 100, false))).hasSize(1);
  }

  private static JsonObject series(JsonArray red, String route) {
    return red.stream().map(JsonObject.class::cast).filter(s -> s.getString("route").equals(route)).findFirst()
        .orElseThrow(() -> new AssertionError("no series for " + route + " in " + red.encode()));
  }

  private static int call(HttpClient http, int port, String path) throws Exception {
    return await(http.request(HttpMethod.GET, port, "127.0.0.1", path).compose(r -> r.send()).compose(r -> r.body().map(b -> r.statusCode())));
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}
