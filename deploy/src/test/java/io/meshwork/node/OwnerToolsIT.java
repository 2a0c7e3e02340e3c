package io.meshwork.node;

import static io.meshwork.node.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The node APIs behind the portal's owner views, on one mesh that administers its realm: the
 * catalog's dry runs (every error of a document at once, the breaking-change diff, nothing stored),
 * a port's quarantined rows (owners only) and a domain's owners and members.
 */
class OwnerToolsIT {

  private static final String QUARANTINE = "/api/v1/products/orders-daily/ports/order-lines/quarantine";
  private static TestMesh mesh;
  private static String olivia;
  private static String carlos;
  private static String ada;

  @BeforeAll
  static void start() throws Exception {
    mesh = TestMesh.startWithIdentityAdministration("owner-tools-it");
    olivia = mesh.token("olivia");
    carlos = mesh.token("carlos");
    ada = mesh.token("ada");
    DemoData.registerOrdersDaily(mesh, olivia);
  }

  @AfterAll
  static void stop() {
    if (mesh != null) {
      mesh.close();
    }
  }

  @Test
  void aProductDryRunListsEveryErrorAtItsFieldAndStoresNothing() throws Exception {
    String rule = "/api/v1/governance/rules/orders-usage-" + UUID.randomUUID().toString().substring(0, 6) + "?domain=orders";
    JsonObject usage = new JsonObject().put("kind", "required-field").put("appliesTo", "product").put("pointer", "/description/usage")
        .put("description", "Orders products say how they are used");
    assertThat(mesh.call("PUT", rule, olivia, "application/json", usage.encode()).statusCode()).isEqualTo(201);
    try {
      String id = "dry-returns-" + UUID.randomUUID().toString().substring(0, 6);
      JsonObject refused = assertProblem(dryRun("products", "other-id", olivia, product(id, "active", "no-such-contract", "")), 400);
      assertThat(pointers(refused)).contains("/id", "/outputPorts/0/contractId", "/description/usage");
      assertProblem(mesh.get("/api/v1/products/" + id, olivia), 404);

      HttpResponse<String> fixed = dryRun("products", id, olivia, product(id, "active", "order-lines-v1", "Weekly returns review"));
      assertThat(fixed.statusCode()).as(fixed.body()).isEqualTo(200);
      JsonObject answer = new JsonObject(fixed.body());
      assertThat(answer.getString("outcome")).isEqualTo("create");
      assertThat(answer.getBoolean("dryRun")).isTrue();
      assertProblem(mesh.get("/api/v1/products/" + id, olivia), 404);

      assertProblem(dryRun("products", id, carlos, product(id, "active", "order-lines-v1", "x")), 403);
      String stored = Files.readString(DemoData.DIR.resolve("products/orders-daily.yaml"));
      assertThat(new JsonObject(dryRun("products", "orders-daily", olivia, stored).body()).getString("outcome")).isEqualTo("unchanged");
    } finally {
      mesh.call("DELETE", rule, olivia, null, null);
    }
  }

  @Test
  void aContractDryRunShowsTheBreakingDiffAndStoresNothing() throws Exception {
    String current = Files.readString(DemoData.DIR.resolve("contracts/order-lines-v1.yaml"));
    // the customer's e-mail column dropped: breaking for consumers that read it
    String withoutEmail = current.replaceFirst("(?s)      - name: customer_email\\n.*?(      - name: sku)", "$1");
    assertThat(withoutEmail).doesNotContain("customer_email");

    JsonObject refused = assertProblem(dryRun("contracts", "order-lines-v1", olivia, withoutEmail.replace("version: 1.0.0", "version: 1.1.0")), 409);
    assertThat(refused.getJsonArray("breakingChanges").encode()).contains("customer_email");

    HttpResponse<String> major = dryRun("contracts", "order-lines-v1", olivia, withoutEmail.replace("version: 1.0.0", "version: 2.0.0"));
    assertThat(major.statusCode()).as(major.body()).isEqualTo(200);
    JsonObject answer = new JsonObject(major.body());
    assertThat(answer.getString("outcome")).isEqualTo("update");
    assertThat(answer.getString("version")).isEqualTo("2.0.0");
    assertThat(answer.getBoolean("breaking")).isTrue();
    assertThat(answer.getJsonArray("changes").encode()).contains("customer_email");
    // nothing stored, nothing announced
    assertThat(new JsonObject(mesh.get("/api/v1/contracts/order-lines-v1", olivia).body()).getString("version")).isEqualTo("1.0.0");
    assertThat(mesh.get("/api/v1/events?type=io.meshwork.contract&limit=500", olivia).body()).doesNotContain("2.0.0");

    assertProblem(dryRun("contracts", "order-lines-v1", olivia, "kind: DataContract\nid: [unclosed\n"), 400);
  }

  @Test
  void ownersReadTheQuarantinedRowsWithTheirReasonsAndConsumersMayNot() throws Exception {
    HttpResponse<String> upload = mesh.call("POST", IngestionIT.BATCHES, olivia, "text/csv", IngestionIT.HEADER
        + "q-1,1,ann@example.com,SKU-1,web,10.50,2026-11-01T10:00:00Z\n"
        + "q-1,2,bob@example.com,,web,abc,2026-11-01T10:00:00Z\n"
        + "q-2,x,cy@example.com,SKU-3,store,3,2026-11-01T10:00:00Z\n");
    assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
    String batch = new JsonObject(upload.body()).getString("id");

    HttpResponse<String> page = mesh.get(QUARANTINE + "?batch=" + batch, olivia);
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    JsonArray items = new JsonObject(page.body()).getJsonArray("items");
    assertThat(items).hasSize(2);
    JsonObject first = items.getJsonObject(0);
    JsonObject second = items.getJsonObject(1);
    assertThat(first.getString("batchId")).isEqualTo(batch);
    assertThat(first.getLong("line")).isGreaterThan(1).isLessThan(second.getLong("line"));
    // each row as received: its columns as text, or the raw line of a record that could not be parsed
    assertThat(first.getString("reason")).contains("amount_eur");
    assertThat(received(first)).contains("bob@example.com").contains("abc");
    assertThat(second.getString("reason")).contains("line_no");
    assertThat(received(second)).contains("cy@example.com").contains("q-2");

    // one row a page, then the rest after the cursor
    JsonObject one = new JsonObject(mesh.get(QUARANTINE + "?batch=" + batch + "&limit=1", olivia).body());
    assertThat(one.getJsonArray("items")).hasSize(1);
    JsonObject rest = new JsonObject(mesh.get(QUARANTINE + "?batch=" + batch + "&limit=1&cursor=" + one.getString("next"), olivia).body());
    assertThat(rest.getJsonArray("items").getJsonObject(0).getLong("line")).isEqualTo(second.getLong("line"));
    assertThat(rest.containsKey("next")).isFalse();

    assertThat(new JsonObject(mesh.get(QUARANTINE + "?batch=no-such-batch", olivia).body()).getJsonArray("items")).isEmpty();
    assertProblem(mesh.get(QUARANTINE, carlos), 403);
    assertProblem(mesh.get(QUARANTINE + "?limit=0", olivia), 400);
    assertProblem(mesh.get(QUARANTINE + "?cursor=x", olivia), 400);
    assertProblem(mesh.get("/api/v1/products/orders-daily/ports/nope/quarantine", olivia), 404);
  }

  @Test
  void aDomainsPeopleAreListedToItsOwnPeopleAndAdmins() throws Exception {
    String members = "/api/v1/identity/domains/orders/members";
    // the demo realm has /domains/orders only; its owners and members groups come with the domain's creation
    assertThat(mesh.call("PUT", "/api/v1/identity/domains/orders", ada, null, null).statusCode()).isBetween(200, 201);
    assertThat(mesh.call("PUT", "/api/v1/identity/users/carlos/groups?path=/domains/orders/members", olivia, null, null).statusCode())
        .isEqualTo(204);
    try {
      HttpResponse<String> listed = mesh.get(members, olivia);
      assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
      JsonObject people = new JsonObject(listed.body());
      assertThat(usernames(people.getJsonArray("owners"))).contains("olivia");
      assertThat(usernames(people.getJsonArray("members"))).contains("carlos").doesNotContain("olivia");
      assertThat(people.getJsonArray("members").encode()).contains("/domains/orders/members");
      assertThat(mesh.get(members, ada).statusCode()).isEqualTo(200);
      // carlos's token from before he joined does not carry the group yet
      assertProblem(mesh.get(members, carlos), 403);
      assertThat(mesh.get(members, mesh.token("carlos")).statusCode()).isEqualTo(200);
      assertProblem(mesh.get(members, mesh.token("sam")), 403);
      assertProblem(mesh.get("/api/v1/identity/domains/NOPE/members", ada), 400);
      assertProblem(mesh.get("/api/v1/identity/domains/no-such-domain/members", ada), 404);
    } finally {
      mesh.call("DELETE", "/api/v1/identity/users/carlos/groups?path=/domains/orders/members", olivia, null, null);
    }
  }

  private static HttpResponse<String> dryRun(String collection, String id, String token, String yaml) throws Exception {
    return mesh.call("POST", "/api/v1/" + collection + "/" + id + "/dry-run", token, "application/yaml", yaml);
  }

  private static String product(String id, String status, String contract, String usage) {
    return """
        apiVersion: v1.0.0
        kind: DataProduct
        id: %s
        name: Order returns
        status: %s
        domain: orders
        description:
          purpose: Returned order lines
        %s
        outputPorts:
          - name: returns
            version: 1.0.0
            contractId: %s
        """.formatted(id, status, usage.isEmpty() ? "" : "  usage: " + usage, contract);
  }

  /** What the node kept of a quarantined record: its raw line when it could not be parsed, else its columns. */
  private static String received(JsonObject item) {
    return item.getString("raw", "") + " " + item.getJsonObject("values").encode();
  }

  private static List<String> pointers(JsonObject problem) {
    return problem.getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("pointer")).toList();
  }

  private static List<String> usernames(JsonArray people) {
    return people.stream().map(p -> ((JsonObject) p).getString("username")).toList();
  }
}
