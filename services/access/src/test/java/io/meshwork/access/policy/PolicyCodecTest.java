package io.meshwork.access.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwork.access.pdp.Policy;
import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import io.meshwork.model.lifecycle.Lifecycle;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyCodecTest {

  @Test
  void whatIsWrittenReadsBackAsTheSamePolicy() {
    List<Policy> policies = List.of(
        new Policy.PurposeForClassification("p1", null, "restricted", Set.of("fraud", "legal")),
        new Policy.MaxDuration("p2", "orders", "pii", Duration.ofDays(90)),
        new Policy.MaxDuration("p3", null, null, Duration.ofDays(365)),
        new Policy.RequireStatus("p4", "orders", Set.of(Lifecycle.ACTIVE, Lifecycle.DEPRECATED)),
        new Policy.NeverUnmaskForProvider("p5", null, "partner", "pii"));
    for (Policy policy : policies) {
      JsonObject written = PolicyCodec.write(policy);
      assertThat(written.getString("description")).isEqualTo(policy.describe());
      assertThat(PolicyCodec.read(policy.id(), new JsonObject(written.encode()))).isEqualTo(policy);
    }
  }

  @Test
  void reportsEveryProblemWithItsPointer() {
    assertThatThrownBy(() -> PolicyCodec.read("Bad Id", new JsonObject().put("kind", "requireStatus").put("statuses", List.of("shipped", 3))))
        .isInstanceOfSatisfying(InvalidException.class, e -> assertThat(e.violations()).extracting(Violation::pointer)
            .containsExactlyInAnyOrder("/id", "/statuses/1", "/statuses"));
    assertThatThrownBy(() -> PolicyCodec.read("x", new JsonObject().put("kind", "gossip")))
        .isInstanceOfSatisfying(InvalidException.class, e -> assertThat(e.violations()).extracting(Violation::pointer).containsExactly("/kind"));
  }
}
