package io.meshwork.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwork.dataplane.query.QuerySettings;
import io.meshwork.runtime.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read side's limits come from the node's configuration: defaults, then the file, then MESHWORK_QUERY_*. */
class QueryConfigTest {

  @TempDir
  static Path home;

  private static QuerySettings query(Map<String, String> env) {
    Map<String, String> withHome = new HashMap<>(env);
    withHome.put("MESHWORK_HOME", home.toString()); // no meshwork.properties of the machine's user
    return NodeConfig.from(Config.load("meshwork-node.properties", withHome)).dataPlane().query();
  }

  @Test
  void theDefaultsAreTheDocumentedOnes() {
    assertThat(query(Map.of())).isEqualTo(QuerySettings.defaults());
  }

  @Test
  void theEnvironmentSetsEveryLimit() {
    QuerySettings settings = query(Map.of("MESHWORK_QUERY_LIMIT_DEFAULT", "50", "MESHWORK_QUERY_LIMIT_MAX", "500",
        "MESHWORK_QUERY_TIMEOUT_SECONDS", "5", "MESHWORK_QUERY_CACHE_BYTES", "0", "MESHWORK_QUERY_CACHE_ENTRY_BYTES", "0",
        "MESHWORK_QUERY_CACHE_TTL_SECONDS", "30"));
    assertThat(settings).isEqualTo(new QuerySettings(50, 500, 0, 0, Duration.ofSeconds(5), Duration.ofSeconds(30)));
  }

  @Test
  void inconsistentLimitsStopTheNodeWithTheSettingsName() {
    assertThatThrownBy(() -> query(Map.of("MESHWORK_QUERY_LIMIT_DEFAULT", "2000", "MESHWORK_QUERY_LIMIT_MAX", "1000")))
        .hasMessageContaining("query.limit.default").hasMessageContaining("query.limit.max");
    assertThatThrownBy(() -> query(Map.of("MESHWORK_QUERY_TIMEOUT_SECONDS", "0"))).hasMessageContaining("query.timeout.seconds");
  }
}
