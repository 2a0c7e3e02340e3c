package io.meshwork.node;

import static io.meshwork.node.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwork.dataplane.DataPlaneSettings;
import io.meshwork.dataplane.query.QuerySettings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Governed reads end to end with real tokens: olivia ingests order lines in two batches; carlos,
 * without a grant, is refused; olivia approves his request narrowed to the web orders, with the
 * customer's e-mail (classified confidential) masked; carlos then sees exactly those rows and
 * masked values through SQL, rows and Parquet, and the older snapshot with asOf. Injection
 * attempts over HTTP are refused with a problem. A query joins the orders domain's port with the
 * products domain's under both grants (each side masked and filtered by its own); without one of
 * the grants it is refused naming that port. The node runs with small read limits (default 5 rows,
 * at most 100, 2 s statement timeout, one DuckDB worker) to show they come from its configuration.
 */
class GovernedReadIT {

  static final String PORT_SQL = "orders.\"orders-daily\".\"order-lines\"";
  static final String PORT_PATH = "/api/v1/products/orders-daily/ports/order-lines";
  static final String HEADER = "order_id,line_no,customer_email,sku,channel,amount_eur,ordered_at\n";
  private static TestMesh mesh;
  private static String olivia;
  private static String carlos;
  private static String firstBatch;

  @BeforeAll
  static void startMesh() throws Exception {
    mesh = TestMesh.start("read-it", config -> {
      DataPlaneSettings d = config.dataPlane();
      // one worker: a statement that were not really cancelled at its timeout would block every later read
      return config.withDataPlane(new DataPlaneSettings(d.home(), d.servedDomains(), d.locations(), d.uploadMaxBytes(), d.fileRoots(),
          d.masterKey(), 1, d.memoryLimit()).withQuery(new QuerySettings(5, 100, 1 << 20, 64 << 10, Duration.ofSeconds(2))));
    });
    olivia = mesh.token("olivia");
    carlos = mesh.token("carlos");
    DemoData.registerOrdersDaily(mesh, olivia);
    firstBatch = ingest(HEADER
        + "r-1,1,ann.lee@example.com,SKU-1,web,10.50,2026-11-01T10:00:00Z\n"
        + "r-1,2,ann.lee@example.com,SKU-2,web,5.00,2026-11-01T10:00:00Z\n"
        + "r-2,1,bob@example.org,SKU-1,store,99.00,2026-11-01T11:00:00Z\n"
        + "r-3,x,bad@example.org,SKU-1,web,1,2026-11-01T11:00:00Z\n");
    ingest(HEADER
        + "r-4,1,,SKU-3,web,20.00,2026-11-02T09:00:00Z\n"
        + "r-5,1,carla@example.com,SKU-3,store,1.00,2026-11-02T09:30:00Z\n");
  }

  @AfterAll
  static void stopMesh() {
    if (mesh != null) {
      mesh.close();
    }
  }

  @Test
  void carlosReadsExactlyWhatOliviaGrantedThroughSqlRowsAndParquet() throws Exception {
    // no grant yet: 403 naming the port, on every output
    JsonObject refused = assertProblem(query(carlos, "SELECT * FROM " + PORT_SQL, "json", null), 403);
    assertThat(refused.getString("detail")).contains(PORT_SQL).contains("analytics");
    assertProblem(mesh.get(PORT_PATH + "/rows?purpose=analytics", carlos), 403);
    assertProblem(mesh.get(PORT_PATH + "/snapshot.parquet?purpose=analytics", carlos), 403);

    HttpResponse<String> asked = mesh.postJson("/api/v1/access-requests", carlos, new JsonObject()
        .put("productId", "orders-daily").put("port", "order-lines").put("purpose", "analytics")
        .put("justification", "weekly web revenue").put("durationDays", 30)
        .put("columns", new JsonArray(List.of("order_id", "line_no", "customer_email", "channel", "amount_eur"))));
    assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
    HttpResponse<String> approved = mesh.postJson("/api/v1/access-requests/" + new JsonObject(asked.body()).getString("id") + "/approve",
        olivia, new JsonObject().put("rowFilter", "channel = 'web'"));
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);

    // SQL
    HttpResponse<String> sql = query(carlos, "SELECT * FROM " + PORT_SQL + " ORDER BY order_id, line_no", "json", null);
    assertThat(sql.statusCode()).as(sql.body()).isEqualTo(200);
    JsonObject result = new JsonObject(sql.body());
    assertThat(result.getJsonArray("columns").stream().map(c -> ((JsonObject) c).getString("name")))
        .containsExactly("order_id", "line_no", "customer_email", "channel", "amount_eur");
    assertThat(result.getJsonArray("rows").stream().map(Object::toString)).containsExactly(
        "{\"order_id\":\"r-1\",\"line_no\":1,\"customer_email\":\"a***@example.com\",\"channel\":\"web\",\"amount_eur\":10.5}",
        "{\"order_id\":\"r-1\",\"line_no\":2,\"customer_email\":\"a***@example.com\",\"channel\":\"web\",\"amount_eur\":5.0}",
        "{\"order_id\":\"r-4\",\"line_no\":1,\"customer_email\":null,\"channel\":\"web\",\"amount_eur\":20.0}");
    assertThat(sql.body()).doesNotContain("ann.lee").doesNotContain("store").doesNotContain("SKU").doesNotContain("r-3");
    HttpResponse<String> csv = query(carlos, "SELECT channel, count(*) AS lines, sum(amount_eur) AS total FROM " + PORT_SQL + " GROUP BY channel", "csv", null);
    assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
    assertThat(csv.body()).isEqualTo("channel,lines,total\r\nweb,3,35.50\r\n");

    // rows
    HttpResponse<String> rows = mesh.get(PORT_PATH + "/rows?purpose=analytics&fields=order_id,customer_email&filter="
        + URLEncoder.encode("amount_eur >= 10", StandardCharsets.UTF_8), carlos);
    assertThat(rows.statusCode()).as(rows.body()).isEqualTo(200);
    assertThat(new JsonObject(rows.body()).getJsonArray("items").stream().map(Object::toString)).containsExactly(
        "{\"order_id\":\"r-1\",\"customer_email\":\"a***@example.com\"}", "{\"order_id\":\"r-4\",\"customer_email\":null}");
    assertProblem(mesh.get(PORT_PATH + "/rows?purpose=analytics&fields=sku", carlos), 403);

    // Parquet, read back with DuckDB
    Path file = Files.createTempFile("governed", ".parquet");
    HttpResponse<Path> parquet = HttpClient.newHttpClient().send(HttpRequest.newBuilder(mesh.uri(PORT_PATH + "/snapshot.parquet?purpose=analytics"))
        .header("Authorization", "Bearer " + carlos).build(), HttpResponse.BodyHandlers.ofFile(file));
    assertThat(parquet.statusCode()).isEqualTo(200);
    assertThat(parquet.headers().firstValue("Content-Type")).hasValue("application/vnd.apache.parquet");
    assertThat(duckdb("SELECT order_id, line_no, customer_email, channel, amount_eur FROM read_parquet('" + file + "') ORDER BY 1, 2"))
        .containsExactly("r-1|1|a***@example.com|web|10.50", "r-1|2|a***@example.com|web|5.00", "r-4|1|null|web|20.00");
    assertThat(duckdb("SELECT count(*) FROM parquet_schema('" + file + "') WHERE name IN ('sku', 'ordered_at', '_batch')")).containsExactly("0");

    // asOf: the first batch only
    HttpResponse<String> older = query(carlos, "SELECT order_id FROM " + PORT_SQL + " ORDER BY 1", "ndjson", firstBatch);
    assertThat(older.body()).isEqualTo("{\"order_id\":\"r-1\"}\n{\"order_id\":\"r-1\"}\n");
    assertThat(new JsonObject(mesh.get(PORT_PATH + "/rows?purpose=analytics&fields=order_id&asOf=" + firstBatch, carlos).body())
        .getJsonArray("items")).hasSize(2);

    // the reads are in the feed, without data values
    JsonArray served = new JsonObject(mesh.get("/api/v1/events?type=io.meshwork.query&limit=500", olivia).body()).getJsonArray("items");
    assertThat(served.stream().map(e -> ((JsonObject) e).getString("type"))).contains("io.meshwork.query.served", "io.meshwork.query.denied");
    assertThat(served.encode()).doesNotContain("example.com").doesNotContain("r-1");
  }

  @Test
  void injectionAttemptsAndUnknownPortsAreRefusedWithAProblem() throws Exception {
    for (String attack : List.of(
        "SELECT * FROM " + PORT_SQL + "; DROP TABLE _meshwork_batches",
        "COPY (SELECT * FROM " + PORT_SQL + ") TO '/tmp/stolen.csv'",
        "ATTACH '/tmp/other.duckdb' AS other",
        "SELECT * FROM read_csv('/etc/passwd')",
        "PRAGMA database_list",
        "SELECT * FROM _meshwork_batches",
        "SELECT * FROM \"orders-daily__order-lines__v1\"",
        "SELECT * FROM " + PORT_SQL + " WHERE order_id IN (SELECT id FROM _meshwork_batches)",
        "SELECT getenv('HOME') FROM " + PORT_SQL)) {
      JsonObject problem = assertProblem(query(olivia, attack, "json", null), 400);
      assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("pointer")).isEqualTo("/sql");
    }
    assertProblem(query(olivia, "SELECT * FROM orders.\"orders-daily\".nope", "json", null), 404);
    assertProblem(query(olivia, "SELECT * FROM orders.main._meshwork_batches", "json", null), 404);
    assertProblem(mesh.call("POST", "/api/v1/query", null, "application/json", "{\"sql\": \"SELECT 1\"}"), 401);
    // the owner reads her own domain in full, no purpose needed
    HttpResponse<String> owner = query(olivia, "SELECT count(*) AS n, count(DISTINCT sku) AS skus FROM " + PORT_SQL, "json", null);
    assertThat(owner.statusCode()).as(owner.body()).isEqualTo(200);
    assertThat(new JsonObject(owner.body()).getJsonArray("rows").getJsonObject(0).getInteger("n")).isEqualTo(5);
  }

  @Test
  void theNodesRowLimitsAndStatementTimeoutComeFromItsConfiguration() throws Exception {
    // no limit asked: the configured default (5) of the 25 rows, and the answer says it cut
    HttpResponse<String> cut = mesh.postJson("/api/v1/query", olivia, new JsonObject()
        .put("sql", "SELECT a.order_id FROM " + PORT_SQL + " a, " + PORT_SQL + " b"));
    assertThat(cut.statusCode()).as(cut.body()).isEqualTo(200);
    assertThat(new JsonObject(cut.body()).getJsonArray("rows")).hasSize(5);
    assertThat(new JsonObject(cut.body()).getBoolean("truncated")).isTrue();
    // more than the configured maximum (100): refused, naming it
    JsonObject tooMany = assertProblem(mesh.postJson("/api/v1/query", olivia, new JsonObject()
        .put("sql", "SELECT order_id FROM " + PORT_SQL).put("limit", 101)), 400);
    assertThat(tooMany.getJsonArray("errors").getJsonObject(0).getString("reason")).contains("1 to 100");
    assertProblem(mesh.get(PORT_PATH + "/rows?limit=101", olivia), 400);

    // a runaway statement (5^16 rows of cross join) is cancelled in DuckDB at the 2 s timeout: 503
    StringBuilder from = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      from.append(i == 0 ? "" : ", ").append(PORT_SQL).append(" AS t").append(i);
    }
    long started = System.nanoTime();
    JsonObject timedOut = assertProblem(mesh.postJson("/api/v1/query", olivia, new JsonObject().put("sql", "SELECT count(*) AS n FROM " + from)), 503);
    assertThat(timedOut.getString("detail")).contains("did not finish within 2 s").contains("cancelled");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    // the node's only DuckDB worker is free again: the next query answers at once
    HttpResponse<String> next = mesh.postJson("/api/v1/query", olivia, new JsonObject().put("sql", "SELECT count(*) AS n FROM " + PORT_SQL));
    assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
    assertThat(new JsonObject(next.body()).getJsonArray("rows").getJsonObject(0).getInteger("n")).isEqualTo(5);
  }

  @Test
  void aQueryJoinsPortsOfTwoDomainsUnderBothGrantsAndIsRefusedWithoutEither() throws Exception {
    // olivia also owns the products domain here; she publishes the catalogue and ingests it
    try (org.keycloak.admin.client.Keycloak admin = NodeItSupport.keycloakAdmin()) {
      var realm = admin.realm(mesh.realm);
      String group = realm.getGroupByPath("/domains/products").getId();
      realm.users().get(realm.users().searchByUsername("olivia", true).get(0).getId()).joinGroup(group);
    }
    String owner = mesh.token("olivia");
    DemoData.register(mesh, owner, "contracts", "skus-v2");
    DemoData.register(mesh, owner, "products", "product-catalogue");
    String skus = "/api/v1/products/product-catalogue/ports/skus/batches";
    String skuHeader = "sku,title,category_path,brand,price_eur,available\n";
    HttpResponse<String> firstSkus = mesh.call("POST", skus, owner, "text/csv", skuHeader
        + "SKU-1,Runner,sport/running,Acme,89.90,true\nSKU-3,Tent,outdoor,Acme,199.00,true\nSKU-9,Kite,outdoor,Kappa,19.00,false\n");
    assertThat(firstSkus.statusCode()).as(firstSkus.body()).isEqualTo(201);

    // carlos: the order lines of the web shop, e-mail masked; the available SKUs, without category and price
    grant("orders-daily", "order-lines", List.of("order_id", "customer_email", "sku", "channel"), "channel = 'web'", owner);
    String skuGrant = grant("product-catalogue", "skus", List.of("sku", "title", "brand", "available"), "available = true", owner);
    String join = "SELECT o.order_id, o.customer_email, s.title, s.brand FROM " + PORT_SQL + " o JOIN products.\"product-catalogue\".skus s"
        + " ON o.sku = s.sku ORDER BY o.order_id, s.title";
    HttpResponse<String> joined = reporting(carlos, join, null);
    assertThat(joined.statusCode()).as(joined.body()).isEqualTo(200);
    assertThat(joined.headers().firstValue("Meshwork-Cache")).hasValue("miss");
    assertThat(new JsonObject(joined.body()).getJsonArray("rows").stream().map(Object::toString)).containsExactly(
        "{\"order_id\":\"r-1\",\"customer_email\":\"a***@example.com\",\"title\":\"Runner\",\"brand\":\"Acme\"}",
        "{\"order_id\":\"r-4\",\"customer_email\":null,\"title\":\"Tent\",\"brand\":\"Acme\"}");
    assertThat(joined.body()).doesNotContain("ann.lee").doesNotContain("store").doesNotContain("Kite");
    // a column outside one side's grant is an error naming it, not a way around the grant
    JsonObject outside = assertProblem(reporting(carlos, "SELECT s.price_eur FROM products.\"product-catalogue\".skus s JOIN " + PORT_SQL + " o USING (sku)", null), 400);
    assertThat(outside.encode()).contains("price_eur").doesNotContain("domain:").doesNotContain("__v2");

    // cached per snapshots of both domains: a new catalogue batch changes the answer at once
    assertThat(reporting(carlos, join, null).headers().firstValue("Meshwork-Cache")).hasValue("hit");
    HttpResponse<String> moreSkus = mesh.call("POST", skus, owner, "text/csv", skuHeader + "SKU-2,Ball,kids/toys,Kappa,9.99,true\n");
    assertThat(moreSkus.statusCode()).as(moreSkus.body()).isEqualTo(201);
    HttpResponse<String> after = reporting(carlos, join, null);
    assertThat(after.headers().firstValue("Meshwork-Cache")).hasValue("miss");
    assertThat(new JsonObject(after.body()).getJsonArray("rows").stream().map(r -> ((JsonObject) r).getString("title")))
        .containsExactly("Ball", "Runner", "Tent");
    // asOf a catalogue batch: that snapshot of the catalogue, the orders as committed by then
    HttpResponse<String> older = reporting(carlos, join, new JsonObject(firstSkus.body()).getString("id"));
    assertThat(older.statusCode()).as(older.body()).isEqualTo(200);
    assertThat(new JsonObject(older.body()).getJsonArray("rows").stream().map(r -> ((JsonObject) r).getString("title")))
        .containsExactly("Runner", "Tent");

    // the catalogue grant revoked: the join is refused naming that port, the orders port alone still reads
    HttpResponse<String> revoked = mesh.call("DELETE", "/api/v1/grants/" + skuGrant, owner, null, null);
    assertThat(revoked.statusCode()).as(revoked.body()).isBetween(200, 204);
    JsonObject refused = assertProblem(reporting(carlos, join, null), 403);
    assertThat(refused.getString("detail")).contains("products.\"product-catalogue\".skus").doesNotContain("order-lines");
    assertThat(reporting(carlos, "SELECT count(*) AS n FROM " + PORT_SQL, null).statusCode()).isEqualTo(200);
  }

  /** carlos asks for a grant for reporting; olivia approves it with a row filter. Returns the grant id. */
  private static String grant(String product, String port, List<String> columns, String rowFilter, String approver) throws Exception {
    HttpResponse<String> asked = mesh.postJson("/api/v1/access-requests", carlos, new JsonObject()
        .put("productId", product).put("port", port).put("purpose", "reporting")
        .put("justification", "web revenue by product").put("durationDays", 30).put("columns", new JsonArray(columns)));
    assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
    HttpResponse<String> approved = mesh.postJson("/api/v1/access-requests/" + new JsonObject(asked.body()).getString("id") + "/approve",
        approver, new JsonObject().put("rowFilter", rowFilter));
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    return new JsonObject(approved.body()).getString("grantId");
  }

  private static HttpResponse<String> reporting(String token, String sql, String asOf) throws Exception {
    JsonObject body = new JsonObject().put("sql", sql).put("purpose", "reporting").put("limit", 100);
    if (asOf != null) {
      body.put("asOf", asOf);
    }
    return mesh.postJson("/api/v1/query", token, body);
  }

  private static HttpResponse<String> query(String token, String sql, String format, String asOf) throws Exception {
    JsonObject body = new JsonObject().put("sql", sql).put("format", format).put("purpose", "analytics").put("limit", 100);
    if (asOf != null) {
      body.put("asOf", asOf);
    }
    return mesh.postJson("/api/v1/query", token, body);
  }

  private static String ingest(String csv) throws Exception {
    HttpResponse<String> batch = mesh.call("POST", PORT_PATH + "/batches", olivia, "text/csv", csv);
    assertThat(batch.statusCode()).as(batch.body()).isEqualTo(201);
    return new JsonObject(batch.body()).getString("id");
  }

  private static List<String> duckdb(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      List<String> rows = new ArrayList<>();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          values.add(String.valueOf(rs.getString(i)));
        }
        rows.add(String.join("|", values));
      }
      return rows;
    }
  }
}
