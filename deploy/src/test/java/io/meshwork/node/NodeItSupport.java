package io.meshwork.node;

/** What the node's integration tests share: the test Keycloak's coordinates from ./meshwork test. */
final class NodeItSupport {

  private NodeItSupport() {}

  static String requiredEnv(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(name + " is not set: run the suite with ./meshwork test, which starts a test Keycloak");
    }
    return value;
  }
}
