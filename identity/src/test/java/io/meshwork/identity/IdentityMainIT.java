package io.meshwork.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwork.identity.realm.RealmProvisioner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The {@code apply} command against the test Keycloak ({@code ./meshwork test}). */
class IdentityMainIT {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void appliesARealmAndPrintsNoSecret() {
    String realm = "it-main-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> env = applyEnv(env("MESHWORK_TEST_KEYCLOAK_ADMIN_PASSWORD"));
    env.put("MESHWORK_REALM", realm);
    try {
      assertThat(run(env)).as(err()).isZero();
      assertThat(out()).contains("created realm " + realm, "created user ada")
          .doesNotContain("portal-secret-never-printed", env("MESHWORK_TEST_KEYCLOAK_ADMIN_PASSWORD"));
    } finally {
      try (RealmProvisioner provisioner = RealmProvisioner.connect(URI.create(env("MESHWORK_TEST_KEYCLOAK_URL")),
          env("MESHWORK_TEST_KEYCLOAK_ADMIN"), env("MESHWORK_TEST_KEYCLOAK_ADMIN_PASSWORD"))) {
        provisioner.deleteRealm(realm);
      }
    }
  }

  @Test
  void wrongAdminPasswordIsOneClearLine() {
    assertThat(run(applyEnv("not-the-admin-password"))).isEqualTo(1);
    assertThat(err()).contains("refused the admin credentials").hasLineCount(1).doesNotContain("not-the-admin-password");
  }

  private Map<String, String> applyEnv(String adminPassword) {
    Map<String, String> env = new HashMap<>();
    env.put("MESHWORK_KEYCLOAK_URL", env("MESHWORK_TEST_KEYCLOAK_URL"));
    env.put("MESHWORK_KEYCLOAK_ADMIN", env("MESHWORK_TEST_KEYCLOAK_ADMIN"));
    env.put("MESHWORK_KEYCLOAK_ADMIN_PASSWORD", adminPassword);
    env.put("MESHWORK_PORTAL_CLIENT_SECRET", "portal-secret-never-printed");
    env.put("MESHWORK_REALM", "it-never-created");
    return env;
  }

  private int run(Map<String, String> env) {
    return IdentityMain.run(new String[] {"apply"}, env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private static String env(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(name + " is not set: this test needs the test Keycloak; run ./meshwork test");
    }
    return value;
  }
}
