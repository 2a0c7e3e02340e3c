package io.meshwork.catalog;

import static io.meshwork.catalog.CatalogServer.CARLOS;
import static io.meshwork.catalog.CatalogServer.OLIVIA;
import static io.meshwork.catalog.ContractRegistrationTest.contract;
import static io.meshwork.catalog.ContractRegistrationTest.product;
import static io.meshwork.catalog.ContractRegistrationTest.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ContractVersioningTest {

  private static CatalogServer catalog;

  @BeforeAll
  static void start() throws Exception {
    catalog = new CatalogServer();
  }

  @AfterAll
  static void stop() throws Exception {
    catalog.close();
  }

  private static String active(String id, String version) {
    return contract(id, "orders", version, "active");
  }

  private static String withoutAmount(String yaml) {
    return yaml.replace("""
              - name: amount
                logicalType: number
        """, "");
  }

  private static int put(String id, String yaml) throws Exception {
    return catalog.put("/api/v1/contracts/" + id, yaml, OLIVIA).statusCode();
  }

  @Test
  void aBreakingChangeToAnActiveContractIs409WithTheChangesUnlessTheMajorVersionRises() throws Exception {
    String id = unique("gate");
    assertThat(put(id, active(id, "1.0.0"))).isEqualTo(201);

    HttpResponse<String> rejected = catalog.put("/api/v1/contracts/" + id,
        withoutAmount(active(id, "1.1.0")).replace("classification: confidential", "classification: public"), OLIVIA);
    assertThat(rejected.statusCode()).isEqualTo(409);
    assertThat(rejected.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonObject problem = new JsonObject(rejected.body());
    assertThat(problem.getString("detail")).contains("need a new major version").contains("2.0.0");
    assertThat(descriptions(problem.getJsonArray("breakingChanges"))).containsExactlyInAnyOrder(
        "property lines.amount was removed or renamed",
        "classification of lines.email changed from confidential to public (lowered)");
    assertThat(new JsonObject(catalog.get("/api/v1/contracts/" + id, CARLOS).body()).getString("version")).isEqualTo("1.0.0");

    assertThat(put(id, withoutAmount(active(id, "2.0.0")))).isEqualTo(200);
    assertThat(put(id, active(id, "1.5.0"))).as("versions never go backwards").isEqualTo(409);
  }

  @Test
  void compatibleChangesAndDraftsPassTheGate() throws Exception {
    String id = unique("compatible");
    assertThat(put(id, active(id, "1.0.0"))).isEqualTo(201);
    assertThat(put(id, active(id, "1.1.0").replace("logicalType: number", "logicalType: number\n        description: Amount."))).isEqualTo(200);

    String draft = unique("draft");
    assertThat(put(draft, contract(draft, "orders", "0.1.0", "draft"))).isEqualTo(201);
    assertThat(put(draft, withoutAmount(contract(draft, "orders", "0.1.0", "draft")))).as("drafts have no consumers yet").isEqualTo(200);
  }

  @Test
  void diffAndChangelogExplainChangesInWords() throws Exception {
    String id = unique("history");
    assertThat(put(id, active(id, "1.0.0"))).isEqualTo(201);
    assertThat(put(id, active(id, "1.1.0").replace("logicalType: number", "logicalType: number\n        classification: internal")))
        .isEqualTo(200);
    assertThat(put(id, withoutAmount(active(id, "2.0.0")))).isEqualTo(200);

    JsonObject diff = new JsonObject(catalog.get("/api/v1/contracts/" + id + "/diff?from=1.0.0&to=2.0.0", CARLOS).body());
    assertThat(diff.getBoolean("breaking")).isTrue();
    assertThat(descriptions(diff.getJsonArray("changes"))).contains("property lines.amount was removed or renamed");
    JsonObject toCurrent = new JsonObject(catalog.get("/api/v1/contracts/" + id + "/diff?from=1.0.0", CARLOS).body());
    assertThat(toCurrent.getString("to")).isEqualTo("2.0.0");

    JsonArray entries = new JsonObject(catalog.get("/api/v1/contracts/" + id + "/changelog", CARLOS).body()).getJsonArray("entries");
    assertThat(entries).hasSize(3);
    JsonObject newest = entries.getJsonObject(0);
    assertThat(newest.getLong("revision")).isEqualTo(3);
    assertThat(newest.getString("by")).isEqualTo("olivia");
    assertThat(newest.getString("summary")).startsWith("Version 2.0.0 (active) by olivia at ")
        .contains("property lines.amount was removed or renamed");
    assertThat(entries.getJsonObject(1).getString("summary")).contains("classification of lines.amount changed from none to internal");
    assertThat(entries.getJsonObject(2).getString("summary")).contains("registered version 1.0.0 as active");

    assertThat(catalog.get("/api/v1/contracts/" + id + "/diff?from=9.0.0", CARLOS).statusCode()).isEqualTo(404);
    assertThat(catalog.get("/api/v1/contracts/" + id + "/diff?from=one", CARLOS).statusCode()).isEqualTo(400);
    assertThat(catalog.get("/api/v1/contracts/" + id + "/diff", CARLOS).statusCode()).isEqualTo(400);
  }

  @Test
  void theLifecycleOnlyMovesForward() throws Exception {
    String id = unique("life");
    assertThat(put(id, active(id, "1.0.0"))).isEqualTo(201);
    assertThat(put(id, contract(id, "orders", "1.0.0", "draft"))).isEqualTo(409);
    assertThat(put(id, contract(id, "orders", "1.0.0", "retired"))).as("deprecated first").isEqualTo(409);
    assertThat(put(id, contract(id, "orders", "1.0.0", "deprecated"))).isEqualTo(200);
    assertThat(put(id, contract(id, "orders", "1.0.0", "retired"))).isEqualTo(200);
    assertThat(put(id, active(id, "1.0.0"))).isEqualTo(409);
  }

  @Test
  void onlyDraftsAreDeletedAndNotWhileAProductNamesThem() throws Exception {
    String active = unique("del-active");
    assertThat(put(active, active(active, "1.0.0"))).isEqualTo(201);
    assertThat(catalog.delete("/api/v1/contracts/" + active, OLIVIA).statusCode()).isEqualTo(409);

    String draft = unique("del-draft");
    assertThat(put(draft, contract(draft, "orders", "0.1.0", "draft"))).isEqualTo(201);
    String productId = unique("orders-del");
    assertThat(catalog.put("/api/v1/products/" + productId, product(productId, draft, "outside-v1", true), OLIVIA).statusCode()).isEqualTo(201);
    HttpResponse<String> named = catalog.delete("/api/v1/contracts/" + draft, OLIVIA);
    assertThat(named.statusCode()).isEqualTo(409);
    assertThat(new JsonObject(named.body()).getJsonArray("products").getList()).containsExactly(productId);

    assertThat(catalog.delete("/api/v1/contracts/" + draft, CARLOS).statusCode()).isEqualTo(403);
    assertThat(catalog.delete("/api/v1/products/" + productId, OLIVIA).statusCode()).isEqualTo(204);
    assertThat(catalog.delete("/api/v1/contracts/" + draft, OLIVIA).statusCode()).isEqualTo(204);
    assertThat(catalog.get("/api/v1/contracts/" + draft, OLIVIA).statusCode()).isEqualTo(404);
    assertThat(catalog.delete("/api/v1/contracts/" + draft, OLIVIA).statusCode()).isEqualTo(404);
  }

  @Test
  void productsKeepAHistoryAndFollowTheLifecycle() throws Exception {
    String output = unique("out");
    assertThat(put(output, active(output, "1.0.0"))).isEqualTo(201);
    String id = unique("orders-life");
    String draft = product(id, output, "outside-v1", true);
    assertThat(catalog.put("/api/v1/products/" + id, draft, OLIVIA).statusCode()).isEqualTo(201);
    String active = draft.replace("status: draft", "status: active");
    assertThat(catalog.put("/api/v1/products/" + id, active, OLIVIA).statusCode()).isEqualTo(200);
    assertThat(catalog.put("/api/v1/products/" + id, draft, OLIVIA).statusCode()).isEqualTo(409);
    assertThat(catalog.delete("/api/v1/products/" + id, OLIVIA).statusCode()).isEqualTo(409);

    JsonArray entries = new JsonObject(catalog.get("/api/v1/products/" + id + "/history", CARLOS).body()).getJsonArray("entries");
    assertThat(entries).hasSize(2);
    assertThat(descriptions(entries.getJsonObject(0).getJsonArray("changes"))).containsExactly("status changed from draft to active");
    assertThat(entries.getJsonObject(0).getString("by")).isEqualTo("olivia");
  }

  private static List<String> descriptions(JsonArray changes) {
    return changes.stream().map(c -> ((JsonObject) c).getString("description")).toList();
  }
}
