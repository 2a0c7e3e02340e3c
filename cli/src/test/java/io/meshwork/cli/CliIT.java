package io.meshwork.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwork.identity.realm.RealmSettings;
import io.meshwork.node.TestMesh;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitOps CLI end to end: a real Keycloak realm, a real node (embedded MongoDB-wire store),
 * and the CLI signing in and applying files from a directory as a CI job would.
 */
class CliIT {

  private static TestMesh mesh;
  private static Path configDir;

  @TempDir Path repo;

  record Result(int exit, String out, String err) {}

  @BeforeAll
  static void startMesh() throws Exception {
    mesh = TestMesh.start("cli-it");
    configDir = Files.createTempDirectory("meshwork-cli-config");
    Result login = cli(RealmSettings.DEMO_PASSWORD + "\n", "login", "--username", "olivia", "--password-stdin");
    assertThat(login.exit()).as(login.err()).isZero();
    assertThat(login.out()).contains("Signed in as olivia");
  }

  @AfterAll
  static void stopMesh() {
    if (mesh != null) {
      mesh.close();
    }
  }

  @Test
  void applyIsIdempotentAndPrintsWhatChanged() throws Exception {
    String a = product("orders");
    String b = product("orders");
    Path dir = Files.createDirectories(repo.resolve("products"));
    Files.writeString(dir.resolve(a + ".yaml"), descriptor(a, "orders", "Nightly orders"));
    Files.writeString(dir.resolve(b + ".yaml"), descriptor(b, "orders", "Order refunds"));

    Result first = cli(null, "apply", "-f", repo.toString());
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).contains("+ product " + a + " (new)", "+ product " + b + " (new)", "2 applied, 0 rejected");

    Result again = cli(null, "apply", "-f", repo.toString());
    assertThat(again.exit()).isZero();
    assertThat(again.out()).contains("= product " + a + " (unchanged)", "0 applied, 0 rejected");

    Files.writeString(dir.resolve(a + ".yaml"), descriptor(a, "orders", "Nightly orders (EU)"));
    Result diff = cli(null, "diff", "-f", dir.resolve(a + ".yaml").toString());
    assertThat(diff.exit()).as("differences found").isEqualTo(1);
    assertThat(diff.out()).contains("~ product " + a + " (1 change)", "~ /name: Nightly orders -> Nightly orders (EU)");

    assertThat(cli(null, "apply", "-f", repo.toString()).out()).contains("1 applied, 0 rejected");
    assertThat(cli(null, "diff", "-f", repo.toString()).exit()).isZero();

    Result list = cli(null, "get", "products");
    assertThat(list.exit()).isZero();
    assertThat(list.out()).contains("ID", a, "Nightly orders (EU)", b);
    Result one = cli(null, "get", "product", a, "-o", "yaml");
    assertThat(one.out()).contains("kind: DataProduct", "id: " + a);
  }

  @Test
  void rejectionsFailTheRunWithTheNodesReasons() throws Exception {
    String foreign = product("products");
    String broken = product("orders");
    Files.writeString(repo.resolve(foreign + ".yaml"), descriptor(foreign, "products", "Not olivia's"));
    Files.writeString(repo.resolve(broken + ".yaml"), descriptor(broken, "orders", "Broken").replace("status: draft", "status: shipped"));

    Result result = cli(null, "apply", "-f", repo.toString());

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err()).contains("product " + foreign + " rejected", "403 Forbidden");
    assertThat(result.err()).contains("product " + broken + " rejected", "400", "/status");
    assertThat(result.out()).contains("0 applied, 2 rejected");

    Files.writeString(repo.resolve("bad.yaml"), "kind: DataProduct\nid: [unclosed");
    Result unparsable = cli(null, "apply", "-f", repo.resolve("bad.yaml").toString());
    assertThat(unparsable.exit()).isEqualTo(1);
    assertThat(unparsable.err()).contains("bad.yaml", "not valid YAML");
  }

  @Test
  void withoutASignInNothingIsSent() throws Exception {
    Path elsewhere = Files.createTempDirectory("meshwork-cli-nobody");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = MeshworkCli.run(new PrintWriter(out, true), new PrintWriter(err, true),
        "get", "products", "--node", "http://127.0.0.1:" + mesh.node.port(), "--keycloak", mesh.keycloakUrl, "--realm", mesh.realm,
        "--config-dir", elsewhere.toString());
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("not signed in");

    Result wrongPassword = cli("nope\n", "login", "--username", "carlos", "--password-stdin", "--config-dir", elsewhere.toString());
    assertThat(wrongPassword.exit()).isEqualTo(2);
    assertThat(wrongPassword.err()).contains("sign-in refused");
  }

  @Test
  void deviceFlowSignsInThroughTheBrowserAndTheTokenWorksOnTheNode() throws Exception {
    Path elsewhere = Files.createTempDirectory("meshwork-cli-device");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> login = thread.submit(() -> MeshworkCli.run(new PrintWriter(out, true), new PrintWriter(err, true),
          "login", "--node", "http://127.0.0.1:" + mesh.node.port(), "--keycloak", mesh.keycloakUrl, "--realm", mesh.realm,
          "--config-dir", elsewhere.toString()));
      String url = awaitVerificationUrl(out, login);
      assertThat(url).startsWith(mesh.keycloakUrl + "/realms/" + mesh.realm + "/device?user_code=");
      assertThat(out.toString()).containsPattern("confirm the code [A-Z]{4}-[A-Z]{4}");

      // the user, in a browser anywhere: signs in as olivia and grants the CLI access
      DeviceVerification browser = new DeviceVerification();
      String finalPage = browser.complete(url, "olivia", RealmSettings.DEMO_PASSWORD, true);
      assertThat(finalPage).as("pages: %s", browser.visited()).contains("Device Login Successful");

      assertThat(login.get(60, TimeUnit.SECONDS)).as(err.toString()).isZero();
      assertThat(out.toString()).contains("Signed in as olivia to realm " + mesh.realm);
    } finally {
      thread.shutdownNow();
    }
    assertThat(Files.getPosixFilePermissions(elsewhere.resolve("credentials.json"))).containsExactlyInAnyOrder(
        java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    Result products = cli(null, "get", "products", "--config-dir", elsewhere.toString());
    assertThat(products.exit()).as("the device-flow token works on the node: %s", products.err()).isZero();
    assertThat(products.out()).contains("ID", "products");
  }

  @Test
  void deviceFlowRefusedInTheBrowserFailsTheLogin() throws Exception {
    Path elsewhere = Files.createTempDirectory("meshwork-cli-device-refused");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> login = thread.submit(() -> MeshworkCli.run(new PrintWriter(out, true), new PrintWriter(err, true),
          "login", "--device", "--keycloak", mesh.keycloakUrl, "--realm", mesh.realm, "--config-dir", elsewhere.toString()));
      new DeviceVerification().complete(awaitVerificationUrl(out, login), "carlos", RealmSettings.DEMO_PASSWORD, false);
      assertThat(login.get(60, TimeUnit.SECONDS)).isEqualTo(2);
      assertThat(err.toString()).contains("sign-in refused in the browser");
      assertThat(elsewhere.resolve("credentials.json")).doesNotExist();
    } finally {
      thread.shutdownNow();
    }
  }

  @Test
  void lineagePrintsWhereAProductsDataComesFrom() throws Exception {
    String id = product("orders");
    Files.writeString(repo.resolve(id + ".yaml"), descriptor(id, "orders", "Orders with lineage"));
    assertThat(cli(null, "apply", "-f", repo.toString()).exit()).isZero();
    // the product's ingestion reports, as the data plane does, reading a landing file and writing the product's port
    String event = """
        {"eventType": "COMPLETE", "eventTime": "2026-11-25T10:00:00Z",
         "run": {"runId": "%s"}, "job": {"namespace": "meshwork://orders", "name": "%s.ingest"},
         "inputs": [{"namespace": "file:///landing", "name": "%s.csv"}],
         "outputs": [{"namespace": "meshwork://orders", "name": "%s.lines"}],
         "producer": "https://example.org/etl", "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent"}
        """.formatted(UUID.randomUUID(), id, id, id);
    HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(mesh.uri("/api/v1/lineage"))
        .header("Authorization", "Bearer " + mesh.token("olivia")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);

    Result tree = cli(null, "lineage", id, "--direction", "upstream", "--depth", "2");

    assertThat(tree.exit()).as(tree.err()).isZero();
    assertThat(tree.out()).contains("product " + id, "  upstream:",
        "    <- job meshwork://orders:" + id + ".ingest (last run COMPLETE)  [output port lines]",
        "       <- dataset file:///landing:" + id + ".csv  [input]");
    assertThat(tree.out()).doesNotContain("downstream:");

    Result unknown = cli(null, "lineage", "no-such-product");
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).contains("404", "no-such-product");
    Result badDepth = cli(null, "lineage", id, "--depth", "0");
    assertThat(badDepth.exit()).isEqualTo(2);
    assertThat(badDepth.err()).contains("400", "/depth");
  }

  // --- helpers ---

  /** Waits for the device flow to print where to confirm the code. */
  private static String awaitVerificationUrl(StringWriter out, Future<Integer> login) throws Exception {
    Pattern open = Pattern.compile("To sign in, open (\\S+)");
    long deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline) {
      Matcher url = open.matcher(out.toString());
      if (url.find()) {
        return url.group(1);
      }
      if (login.isDone()) {
        throw new AssertionError("login ended early with " + login.get() + ": " + out);
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no verification URL printed: " + out);
  }

  private static Result cli(String stdin, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--node", "http://127.0.0.1:" + mesh.node.port(), "--keycloak", mesh.keycloakUrl, "--realm", mesh.realm));
    if (!all.contains("--config-dir")) {
      all.addAll(List.of("--config-dir", configDir.toString()));
    }
    InputStream originalIn = System.in;
    if (stdin != null) {
      System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    }
    try {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int exit = MeshworkCli.run(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
      return new Result(exit, out.toString(), err.toString());
    } finally {
      System.setIn(originalIn);
    }
  }

  private static String product(String domain) {
    return domain + "-cli-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String descriptor(String id, String domain, String name) {
    return """
        apiVersion: v1.0.0
        kind: DataProduct
        id: %s
        name: %s
        status: draft
        domain: %s
        description:
          purpose: Registered from Git by the CLI test.
        team:
          name: Test team
        """.formatted(id, name, domain);
  }
}
