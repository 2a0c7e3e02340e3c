package io.meshwork.bench.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.meshwork.catalog.Catalog;
import io.meshwork.catalog.CatalogSettings;
import io.meshwork.catalog.domain.DomainGroups;
import io.meshwork.catalog.store.DescriptorCollection;
import io.meshwork.model.contract.DataContract;
import io.meshwork.model.document.DocumentFormat;
import io.meshwork.model.product.DataProduct;
import io.meshwork.runtime.auth.Caller;
import io.meshwork.runtime.events.EventLog;
import io.meshwork.runtime.mongo.EmbeddedMongo;
import io.meshwork.runtime.mongo.MongoFactory;
import io.meshwork.runtime.problem.ProblemHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * HTTP load driver for the catalog's two speed targets (issue 4): time-to-register — PUT of a
 * contract and its product until the product is searchable and its port grantable — and search
 * latency, with N products already registered.
 *
 * <p>The catalog runs as on a node (same composition root, default governance rules, Lucene index
 * built from MongoDB at start, events appended to the feed) over the embedded MongoDB-wire server
 * (memory backend) on loopback; requests go over real HTTP. Token verification is not part of it
 * (measured in TokenVerificationBenchmark): a header names the caller. The N products are written
 * straight into MongoDB (as registrations store them) so that 100,000 load in seconds, then the
 * catalog starts and indexes them.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.meshwork.bench.catalog.RegistrationLoad 1000 100000}
 */
public final class RegistrationLoad {

  private static final String CALLER_KEY = "meshwork.caller";
  private static final int REGISTRATIONS = 200;
  private static final int SEARCHES = 1000;
  private static final String[] WORDS = ("order line customer invoice payment refund shipment parcel carrier warehouse stock sku price "
      + "discount coupon cart session click page visit device browser campaign lead score contact account region store channel "
      + "revenue margin forecast demand supply vendor contract return fulfilment delivery latency basket product category brand "
      + "review rating inventory batch event metric daily weekly monthly hourly snapshot ledger tax currency country city").split(" ");
  private static final String[] TYPES = {"string", "integer", "number", "date", "timestamp", "boolean"};
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private RegistrationLoad() {}

  public static void main(String[] args) throws Exception {
    List<Integer> sizes = args.length == 0 ? List.of(1000, 100_000) : Arrays.stream(args).map(Integer::parseInt).toList();
    for (int size : sizes) {
      run(size);
    }
    System.exit(0);
  }

  private static void run(int preloaded) throws Exception {
    Vertx vertx = Vertx.vertx();
    try (EmbeddedMongo mongo = EmbeddedMongo.inMemory("127.0.0.1"); MongoClient client = MongoFactory.create(mongo.connectionString())) {
      MongoDatabase database = client.getDatabase("bench");
      long loadStart = System.nanoTime();
      preload(vertx, database, preloaded);
      long loaded = System.nanoTime();
      EventLog events = new EventLog(vertx, database);
      CatalogSettings settings = new CatalogSettings(true, Duration.ofSeconds(10), 8, Duration.ofSeconds(1));
      Catalog catalog = new Catalog(vertx, database, DomainGroups.NONE, events, settings);
      await(events.start().compose(v -> catalog.start()));
      long started = System.nanoTime();
      HttpServer server = await(vertx.createHttpServer().requestHandler(router(vertx, catalog)).listen(0, "127.0.0.1"));
      String base = "http://127.0.0.1:" + server.actualPort();
      System.out.printf("%n== %,d products registered (stored in %.1f s, catalog started and indexed in %.1f s)%n", preloaded,
          (loaded - loadStart) / 1e9, (started - loaded) / 1e9);

      // warm-up: the JIT, Lucene's first refreshes
      for (int i = 0; i < 100; i++) {
        register(base, catalog, "warm-" + i, i);
      }
      long[] register = new long[REGISTRATIONS];
      for (int i = 0; i < REGISTRATIONS; i++) {
        register[i] = register(base, catalog, "new-" + i, preloaded + i);
      }
      report("time to register (PUT contract + PUT product → searchable and grantable)", register);

      Random random = new Random(7);
      for (int i = 0; i < 300; i++) {
        search(base, query(random));
      }
      long[] searches = new long[SEARCHES];
      for (int i = 0; i < SEARCHES; i++) {
        searches[i] = search(base, query(random));
      }
      report("search (HTTP, mixed queries, facets and highlights)", searches);
      await(server.close());
    } finally {
      await(vertx.close());
    }
  }

  /** One product and its contract, registered over HTTP, then found by search and resolved as grant-able; nanoseconds. */
  private static long register(String base, Catalog catalog, String id, int seed) throws Exception {
    String contractId = id + "-v1";
    long start = System.nanoTime();
    expect(put(base + "/api/v1/contracts/" + contractId, contract(contractId, seed, "active")), 201);
    expect(put(base + "/api/v1/products/" + id, product(id, contractId, seed, "active")), 201);
    HttpResponse<String> found = HTTP.send(get(base + "/api/v1/search?q=" + id + "&size=1"), HttpResponse.BodyHandlers.ofString());
    if (!new JsonObject(found.body()).getJsonArray("items").getJsonObject(0).getString("id").equals(id)) {
      throw new IllegalStateException("not searchable right after registration: " + id);
    }
    // what access governance resolves before it grants: the product's port and its contract's columns
    DataProduct product = await(catalog.product(id)).orElseThrow();
    DataContract contract = await(catalog.contract(product.outputPorts().get(0).contractId())).orElseThrow();
    if (contract.schema().get(0).properties().isEmpty()) {
      throw new IllegalStateException("no columns to grant");
    }
    return System.nanoTime() - start;
  }

  private static long search(String base, String query) throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> response = HTTP.send(get(base + "/api/v1/search?" + query), HttpResponse.BodyHandlers.ofString());
    expect(response, 200);
    return System.nanoTime() - start;
  }

  /** A mix of what people type: one word, two words, a typo, a word with a facet filter, an empty query with a filter. */
  private static String query(Random random) {
    String word = WORDS[random.nextInt(WORDS.length)];
    return switch (random.nextInt(5)) {
      case 0 -> "q=" + word;
      case 1 -> "q=" + URLEncoder.encode(word + " " + WORDS[random.nextInt(WORDS.length)], StandardCharsets.UTF_8);
      case 2 -> "q=" + typo(word, random);
      case 3 -> "q=" + word + "&domain=domain-" + random.nextInt(50);
      default -> "tag=" + WORDS[random.nextInt(30)] + "&status=active";
    };
  }

  private static String typo(String word, Random random) {
    if (word.length() < 4) {
      return word;
    }
    int i = 1 + random.nextInt(word.length() - 2);
    return word.substring(0, i) + word.charAt(i + 1) + word.charAt(i) + word.substring(i + 2);
  }

  private static void preload(Vertx vertx, MongoDatabase database, int count) throws Exception {
    DescriptorCollection<DataContract> contracts = new DescriptorCollection<>(vertx, database, "contracts", "Contract", DataContract::from);
    DescriptorCollection<DataProduct> products = new DescriptorCollection<>(vertx, database, "products", "Product", DataProduct::from);
    int batch = 500;
    for (int from = 0; from < count; from += batch) {
      List<Future<Void>> writes = new ArrayList<>();
      for (int i = from; i < Math.min(count, from + batch); i++) {
        String id = "product-" + i;
        ObjectNode contract = (ObjectNode) DocumentFormat.YAML.read(contract(id + "-v1", i, "active").getBytes(StandardCharsets.UTF_8));
        ObjectNode product = (ObjectNode) DocumentFormat.YAML.read(product(id, id + "-v1", i, i % 10 == 0 ? "draft" : "active")
            .getBytes(StandardCharsets.UTF_8));
        DataProduct typed = DataProduct.from(product);
        writes.add(contracts.insert(id + "-v1", new Document("domain", domain(i)).append("status", "active"), contract, "bench"));
        writes.add(products.insert(id, new Document("domain", typed.domain()).append("status", typed.status().wireName())
            .append("name", typed.name()).append("contracts", List.of(id + "-v1")), product, "bench"));
      }
      await(Future.all(writes));
    }
  }

  private static String domain(int seed) {
    return "domain-" + (seed % 50);
  }

  private static String word(int seed, int salt) {
    return WORDS[Math.floorMod(seed * 31 + salt * 17 + salt * seed, WORDS.length)];
  }

  private static String contract(String id, int seed, String status) {
    StringBuilder properties = new StringBuilder();
    for (int c = 0; c < 8; c++) {
      String name = word(seed, c) + "_" + word(seed, c + 11);
      properties.append("      - name: ").append(name).append(c).append('\n')
          .append("        logicalType: ").append(TYPES[(seed + c) % TYPES.length]).append('\n')
          .append("        description: The ").append(word(seed, c + 3)).append(' ').append(word(seed, c + 5)).append(" of the ")
          .append(word(seed, c + 7)).append('\n');
      if (c == 0) {
        properties.append("        classification: ").append(seed % 3 == 0 ? "confidential" : "internal").append('\n');
      }
    }
    return """
        apiVersion: v3.1.0
        kind: DataContract
        id: %s
        version: 1.0.0
        status: %s
        domain: %s
        schema:
          - name: rows
            quality:
              - metric: rowCount
                mustBeGreaterThan: 0
            properties:
        %sslaProperties:
          - property: latency
            value: 1
            unit: d
        """.formatted(id, status, domain(seed), properties);
  }

  private static String product(String id, String contractId, int seed, String status) {
    return """
        apiVersion: v1.0.0
        kind: DataProduct
        id: %s
        name: %s %s %s
        status: %s
        domain: %s
        description:
          purpose: %s %s for %s and %s teams, refreshed %s.
        tags: [%s, %s]
        team:
          name: Team %s
        support:
          - channel: "#%s"
            url: https://chat.example.com/%s
        outputPorts:
          - name: rows
            type: %s
            version: 1.0.0
            contractId: %s
        """.formatted(id, capitalized(word(seed, 1)), word(seed, 2), seed, status, domain(seed), capitalized(word(seed, 3)), word(seed, 4),
        word(seed, 5), word(seed, 6), word(seed, 7), WORDS[seed % 30], WORDS[(seed / 30) % 30], domain(seed), domain(seed), domain(seed),
        seed % 4 == 0 ? "files" : "tables", contractId);
  }

  private static String capitalized(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  private static Router router(Vertx vertx, Catalog catalog) {
    Router router = Router.router(vertx);
    new ProblemHandler().install(router);
    Caller ada = new Caller("ada", "ada", Set.of(Caller.MESH_ADMIN), Set.of());
    Caller carlos = new Caller("carlos", "carlos", Set.of("data-consumer"), Set.of());
    router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(1024 * 1024)).handler(ctx -> {
      ctx.put(CALLER_KEY, ctx.request().method().name().equals("GET") ? carlos : ada);
      ctx.next();
    });
    catalog.mount(router);
    return router;
  }

  private static HttpRequest put(String url, String yaml) {
    return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/yaml")
        .PUT(HttpRequest.BodyPublishers.ofString(yaml)).build();
  }

  private static HttpRequest get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).build();
  }

  private static void expect(HttpRequest request, int status) throws Exception {
    expect(HTTP.send(request, HttpResponse.BodyHandlers.ofString()), status);
  }

  private static void expect(HttpResponse<String> response, int status) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered " + response.statusCode()
          + ": " + response.body());
    }
  }

  private static void report(String what, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.printf("%-75s n=%d  p50 %.2f ms  p95 %.2f ms  p99 %.2f ms  max %.2f ms%n", what, sorted.length,
        percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99), sorted[sorted.length - 1] / 1e6);
  }

  private static double percentile(long[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
  }
}
