package io.meshwork.node;

import io.meshwork.runtime.config.Config;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Typed settings of a mesh node, read once from {@link Config} at start. A blank Mongo URI means
 * "start the embedded MongoDB-wire server".
 */
public record NodeConfig(
    Path home,
    String httpHost,
    int httpPort,
    Optional<String> mongoUri,
    String mongoDatabase,
    String keycloakUrl,
    String realm,
    String audience) {

  public static NodeConfig from(Config config) {
    return new NodeConfig(
        config.getPath("home"),
        config.get("http.host"),
        config.getInt("http.port"),
        config.find("mongo.uri"),
        config.get("mongo.database"),
        stripSlash(config.get("keycloak.url")),
        config.get("realm"),
        config.get("node.audience"));
  }

  /** The token issuer the node trusts: exactly what Keycloak writes into {@code iss}. */
  public String issuer() {
    return keycloakUrl + "/realms/" + realm;
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
