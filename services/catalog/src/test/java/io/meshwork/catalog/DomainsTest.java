package io.meshwork.catalog;

import static io.meshwork.catalog.CatalogServer.ADA;
import static io.meshwork.catalog.CatalogServer.CARLOS;
import static io.meshwork.catalog.CatalogServer.OLIVIA;
import static io.meshwork.catalog.ContractRegistrationTest.contract;
import static io.meshwork.catalog.ContractRegistrationTest.product;
import static io.meshwork.catalog.ContractRegistrationTest.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DomainsTest {

  private static CatalogServer catalog;

  @BeforeAll
  static void start() throws Exception {
    catalog = new CatalogServer();
  }

  @AfterAll
  static void stop() throws Exception {
    catalog.close();
  }

  private static String domain(String name, String description) {
    return "name: " + name + "\ndescription: " + description + "\nowners: [olivia]\n";
  }

  @Test
  void anAdminCreatesADomainItsOwnerDescribesItAndEveryoneSeesItsProducts() throws Exception {
    assertThat(catalog.put("/api/v1/domains/orders", domain("orders", "Orders."), OLIVIA).statusCode())
        .as("only an admin creates a domain").isEqualTo(403);
    assertThat(catalog.put("/api/v1/domains/orders", domain("orders", "Orders."), ADA).statusCode()).isEqualTo(201);
    assertThat(catalog.put("/api/v1/domains/orders", domain("orders", "Orders."), ADA).statusCode()).isEqualTo(200);
    assertThat(catalog.put("/api/v1/domains/orders", domain("orders", "Every order line."), OLIVIA).statusCode()).isEqualTo(200);
    assertThat(catalog.put("/api/v1/domains/orders", domain("orders", "Mine."), CARLOS).statusCode()).isEqualTo(403);

    String output = unique("out");
    assertThat(catalog.put("/api/v1/contracts/" + output, contract(output, "orders", "1.0.0", "draft"), OLIVIA).statusCode()).isEqualTo(201);
    String productId = unique("orders-dom");
    assertThat(catalog.put("/api/v1/products/" + productId, product(productId, output, "outside-v1", true), OLIVIA).statusCode())
        .isEqualTo(201);

    JsonObject orders = new JsonObject(catalog.get("/api/v1/domains/orders", CARLOS).body());
    assertThat(orders.getString("description")).isEqualTo("Every order line.");
    assertThat(orders.getJsonArray("owners").getList()).containsExactly("olivia");
    assertThat(orders.getJsonArray("products").getList()).contains(productId);

    JsonObject all = new JsonObject(catalog.get("/api/v1/domains", CARLOS).body());
    assertThat(all.getJsonArray("items").stream().map(d -> ((JsonObject) d).getString("name"))).contains("orders");
  }

  @Test
  void badDomainsAreProblems() throws Exception {
    assertThat(catalog.put("/api/v1/domains/leads", domain("sales", "x"), ADA).statusCode()).isEqualTo(400);
    assertThat(catalog.put("/api/v1/domains/leads", "name: leads\ncolour: blue\n", ADA).statusCode()).isEqualTo(400);
    assertThat(catalog.get("/api/v1/domains/nowhere", CARLOS).statusCode()).isEqualTo(404);
  }
}
