package io.meshwork.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentityMainTest {

  private static final Map<String, String> REQUIRED = Map.of(
      "MESHWORK_KEYCLOAK_ADMIN_PASSWORD", "admin-pw-never-printed",
      "MESHWORK_PORTAL_CLIENT_SECRET", "portal-secret-never-printed");

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void configDefaults() {
    IdentityConfig config = IdentityConfig.fromEnvironment(REQUIRED);

    assertThat(config.keycloakUrl()).hasToString("http://127.0.0.1:8180");
    assertThat(config.adminUser()).isEqualTo("admin");
    assertThat(config.realm().realm()).isEqualTo("meshwork");
    assertThat(config.realm().portalBaseUrls()).containsExactly("http://127.0.0.1:8080");
    assertThat(config.realm().demoUsers()).isTrue();
    assertThat(config.toString()).doesNotContain("never-printed");
  }

  @Test
  void configNamesWhatIsMissingOrWrong() {
    assertThatThrownBy(() -> IdentityConfig.fromEnvironment(Map.of("MESHWORK_PORTAL_CLIENT_SECRET", "portal-secret")))
        .hasMessage("MESHWORK_KEYCLOAK_ADMIN_PASSWORD is not set");
    assertThatThrownBy(() -> IdentityConfig.fromEnvironment(with("MESHWORK_DEMO_USERS", "maybe")))
        .hasMessageContaining("MESHWORK_DEMO_USERS");
    assertThatThrownBy(() -> IdentityConfig.fromEnvironment(with("MESHWORK_KEYCLOAK_URL", "127.0.0.1:8180")))
        .hasMessageContaining("MESHWORK_KEYCLOAK_URL");
    assertThat(IdentityConfig.fromEnvironment(with("MESHWORK_PORTAL_URL", "http://127.0.0.1:8080, http://127.0.0.1:9090"))
        .realm().portalBaseUrls()).containsExactly("http://127.0.0.1:8080", "http://127.0.0.1:9090");
  }

  @Test
  void wrongUsageExitsWith2() {
    assertThat(run(new String[] {}, REQUIRED)).isEqualTo(2);
    assertThat(err()).startsWith("usage:");
  }

  @Test
  void missingSecretExitsWith2AndOneLine() {
    assertThat(run(new String[] {"apply"}, Map.of("MESHWORK_KEYCLOAK_ADMIN_PASSWORD", "x"))).isEqualTo(2);
    assertThat(err()).isEqualTo("meshwork-identity: MESHWORK_PORTAL_CLIENT_SECRET is not set\n");
  }

  @Test
  void unreachableKeycloakExitsWith1AndOneLineWithoutSecrets() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closedPort = socket.getLocalPort();
    }
    int code = run(new String[] {"apply"}, with("MESHWORK_KEYCLOAK_URL", "http://127.0.0.1:" + closedPort));

    assertThat(code).isEqualTo(1);
    assertThat(err()).startsWith("meshwork-identity: cannot reach Keycloak at http://127.0.0.1:" + closedPort)
        .hasLineCount(1)
        .doesNotContain("never-printed");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  private int run(String[] args, Map<String, String> env) {
    return IdentityMain.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private static Map<String, String> with(String name, String value) {
    var env = new java.util.HashMap<>(REQUIRED);
    env.put(name, value);
    return env;
  }
}
