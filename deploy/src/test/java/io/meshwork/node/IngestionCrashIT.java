package io.meshwork.node;

import static io.meshwork.node.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwork.identity.realm.PasswordGrant;
import io.meshwork.identity.realm.RealmProvisioner;
import io.meshwork.identity.realm.RealmSettings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The data plane in the shaded node jar, as a process of its own: killed with SIGKILL in the
 * middle of ingesting a large upload, restarted on the same home, it shows no partial batch and
 * the same Idempotency-Key ingests the file whole; a pipeline reads a file under the node's file
 * root; an upload announced larger than the limit is refused before it is read.
 */
class IngestionCrashIT {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String BATCHES = "/api/v1/products/orders-daily/ports/order-lines/batches";
  private static final long ROWS = 2_000_000;
  private static final long MAX_UPLOAD = 512L * 1024 * 1024;
  private static URI keycloakUrl;
  private static RealmProvisioner provisioner;
  private static String realm;
  private static Path home;
  /** A copy of the jar: a build running meanwhile must not replace classes under the running node. */
  private static Path jar;
  private static Process node;
  private static int port;
  private static String olivia;

  @BeforeAll
  static void start() throws Exception {
    keycloakUrl = URI.create(NodeItSupport.requiredEnv("MESHWORK_TEST_KEYCLOAK_URL"));
    provisioner = RealmProvisioner.connect(keycloakUrl, NodeItSupport.requiredEnv("MESHWORK_TEST_KEYCLOAK_ADMIN"),
        NodeItSupport.requiredEnv("MESHWORK_TEST_KEYCLOAK_ADMIN_PASSWORD"));
    realm = "crash-it-" + UUID.randomUUID().toString().substring(0, 8);
    provisioner.apply(RealmSettings.of(realm, "portal-secret-" + realm, List.of("http://127.0.0.1:18080"), true));
    assertThat(NodeJarProcess.JAR).as("the shaded node jar (built in the package phase)").exists();
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    home = Files.createTempDirectory("meshwork-crash-it");
    jar = Files.copy(NodeJarProcess.JAR, Files.createTempDirectory("meshwork-crash-jar").resolve("meshwork-node.jar"));
    startNode();
    olivia = new PasswordGrant(keycloakUrl, realm).accessToken("olivia", RealmSettings.DEMO_PASSWORD);
    DemoData.registerOrdersDaily((path, token, yaml) -> HTTP.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/yaml").PUT(HttpRequest.BodyPublishers.ofString(yaml)).build(), HttpResponse.BodyHandlers.ofString()), olivia);
  }

  @AfterAll
  static void stop() throws Exception {
    stopNode();
    if (provisioner != null) {
      provisioner.deleteRealm(realm);
      provisioner.close();
    }
  }

  @Test
  void aNodeKilledMidIngestShowsNoPartialBatchAndTheSameKeyRetries() throws Exception {
    Path csv = Files.createTempFile("orders-large", ".csv");
    try (BufferedWriter out = Files.newBufferedWriter(csv)) {
      out.write(IngestionIT.HEADER);
      for (long i = 0; i < ROWS; i++) {
        out.write("big-" + i + ",1,someone" + (i % 1000) + "@example.com,SKU-" + (i % 5000) + ",web," + (i % 997) + ".25,2026-11-0"
            + (1 + i % 9) + " 10:00:00\n");
      }
    }
    long size = Files.size(csv);
    List<Object> before = new JsonObject(get(BATCHES).body()).getJsonArray("items").getList();
    String key = "crash-" + UUID.randomUUID();
    CompletableFuture<HttpResponse<String>> upload = HTTP.sendAsync(HttpRequest.newBuilder(uri(BATCHES))
        .header("Authorization", "Bearer " + olivia).header("Content-Type", "text/csv").header("Idempotency-Key", key)
        .POST(HttpRequest.BodyPublishers.ofFile(csv)).build(), HttpResponse.BodyHandlers.ofString());

    // the whole file is on the node's disk (spooled): DuckDB is loading it now — kill the node
    long deadline = System.currentTimeMillis() + 120_000;
    while (spooledBytes() < size) {
      assertThat(upload).as("the upload is still going").isNotDone();
      assertThat(System.currentTimeMillis()).as("spooled within 2 min").isLessThan(deadline);
      Thread.sleep(20);
    }
    node.destroyForcibly();
    assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(upload).failsWithin(Duration.ofSeconds(30));

    startNode();
    JsonArray batches = new JsonObject(get(BATCHES).body()).getJsonArray("items");
    assertThat(batches.getList()).as("no batch of the killed upload, not even a failed one").isEqualTo(before);
    try (var left = Files.list(home.resolve("spool"))) {
      assertThat(left.toList()).as("spool cleared at start").isEmpty();
    }

    HttpResponse<String> retried = send(HttpRequest.newBuilder(uri(BATCHES)).header("Authorization", "Bearer " + olivia)
        .header("Content-Type", "text/csv").header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofFile(csv)).build());
    assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
    JsonObject batch = new JsonObject(retried.body());
    assertThat(batch.getLong("rowsValid")).isEqualTo(ROWS);
    assertThat(batch.getLong("rowsQuarantined")).isZero();
    HttpResponse<String> again = send(HttpRequest.newBuilder(uri(BATCHES)).header("Authorization", "Bearer " + olivia)
        .header("Content-Type", "text/csv").header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString("ignored")).build());
    assertThat(again.statusCode()).isEqualTo(200);
    Files.delete(csv);

    // on disk, after a clean stop: the retried batch's rows and those of the other committed batches, nothing of the killed attempt
    String committed = new JsonObject(get(BATCHES + "?limit=500").body()).getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(b -> b.getString("status").equals("committed")).map(b -> b.getLong("seq").toString()).collect(java.util.stream.Collectors.joining(","));
    stopNode();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + home.resolve("domains/orders.duckdb"));
         ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FILTER (WHERE _batch = " + batch.getLong("seq") + "), "
             + "count(*) FILTER (WHERE _batch NOT IN (" + committed + ")) FROM \"orders-daily__order-lines__v1\"")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(ROWS);
      assertThat(rs.getLong(2)).as("rows of no committed batch").isZero();
    }
    startNode();
  }

  @Test
  void aPipelineReadsAFileUnderTheFileRootAndNothingElse() throws Exception {
    Path inbox = Files.createDirectories(home.resolve("inbox"));
    Path file = inbox.resolve("orders.ndjson");
    Files.writeString(file, """
        {"order_id":"file-1","line_no":1,"sku":"S1","channel":"store","amount_eur":"4.20","ordered_at":"2026-11-04 12:00:00"}
        {"order_id":"file-1","line_no":2,"sku":"S2","channel":"store","amount_eur":"1.00","ordered_at":"2026-11-04 12:00:00"}
        """);
    assertProblem(putPipeline("sources: [{name: secrets, port: order-lines, format: csv, path: /etc/passwd}]"), 400);
    HttpResponse<String> put = putPipeline("sources: [{name: drop, port: order-lines, format: ndjson, path: '" + file + "'}]");
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    HttpResponse<String> started = send(HttpRequest.newBuilder(uri("/api/v1/products/orders-daily/runs")).header("Authorization", "Bearer " + olivia)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"source\":\"drop\"}")).build());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    String location = started.headers().firstValue("Location").orElseThrow();
    JsonObject run;
    long deadline = System.currentTimeMillis() + 60_000;
    do {
      Thread.sleep(200);
      run = new JsonObject(get(location).body());
    } while ("running".equals(run.getString("status")) && System.currentTimeMillis() < deadline);
    assertThat(run.getString("status")).as(run.encode()).isEqualTo("committed");
    assertThat(run.getJsonObject("batch").getLong("rowsValid")).isEqualTo(2);
    assertThat(file).as("a file source is read in place, not consumed").exists();
  }

  @Test
  void anUploadAnnouncedLargerThanTheLimitIsRefusedUnread() throws Exception {
    // a raw HTTP/1.1 request: headers announcing more than the limit, and not one byte of body
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(("POST " + BATCHES + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + olivia
          + "\r\nContent-Type: text/csv\r\nContent-Length: " + (MAX_UPLOAD + 1) + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json").contains("at most " + MAX_UPLOAD + " bytes");
    }
  }

  private static HttpResponse<String> putPipeline(String yaml) throws Exception {
    return send(HttpRequest.newBuilder(uri("/api/v1/products/orders-daily/pipeline")).header("Authorization", "Bearer " + olivia)
        .header("Content-Type", "application/yaml").PUT(HttpRequest.BodyPublishers.ofString(yaml)).build());
  }

  private static long spooledBytes() throws Exception {
    Path spool = home.resolve("spool");
    if (!Files.isDirectory(spool)) {
      return 0;
    }
    try (var files = Files.list(spool)) {
      return files.mapToLong(f -> f.toFile().length()).max().orElse(0);
    }
  }

  private static void startNode() throws Exception {
    node = NodeJarProcess.start(jar, List.of("-Xmx512m"), Map.of("MESHWORK_HOME", home.toString(), "MESHWORK_HTTP_PORT", String.valueOf(port),
        "MESHWORK_KEYCLOAK_URL", keycloakUrl.toString(), "MESHWORK_REALM", realm,
        "MESHWORK_DATAPLANE_UPLOAD_MAX_BYTES", Long.toString(MAX_UPLOAD)), port, home.resolve("node.log"), Duration.ofSeconds(90));
  }

  private static void stopNode() throws Exception {
    NodeJarProcess.stop(node, Duration.ofSeconds(30));
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + olivia).build());
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
