package io.meshwork.identity.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ServiceAccountRequestTest {

  @Test
  void aValidRequestNamesItsClient() {
    ServiceAccountRequest request = ServiceAccountRequest.parse(new JsonObject().put("domain", "orders").put("name", "nightly-load")
        .put("roles", new JsonArray().add("domain-owner").add("data-consumer")));
    assertThat(request.clientId()).isEqualTo("sa-orders-nightly-load");
    assertThat(request.roles()).containsExactlyInAnyOrder("domain-owner", "data-consumer");
    assertThat(request.description()).isEmpty();
  }

  @Test
  void everyViolationIsReported() {
    JsonObject body = new JsonObject().put("domain", "-bad").put("name", "x".repeat(41))
        .put("roles", new JsonArray().add("mesh-admin").add(7)).put("description", 3).put("extra", true);
    assertThatThrownBy(() -> ServiceAccountRequest.parse(body))
        .isInstanceOfSatisfying(InvalidException.class, e -> assertThat(e.violations()).extracting(Violation::pointer)
            .containsExactlyInAnyOrder("/domain", "/name", "/roles/0", "/roles/1", "/description", "/extra"));
  }

  @Test
  void rolesAreRequired() {
    assertThatThrownBy(() -> ServiceAccountRequest.parse(new JsonObject().put("domain", "orders").put("name", "a")))
        .isInstanceOfSatisfying(InvalidException.class, e -> assertThat(e.violations()).extracting(Violation::pointer)
            .containsExactly("/roles"));
    assertThatThrownBy(() -> ServiceAccountRequest.parse(null)).isInstanceOf(InvalidException.class);
  }
}
