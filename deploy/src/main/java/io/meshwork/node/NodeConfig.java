package io.meshwork.node;

import io.meshwork.access.AccessSettings;
import io.meshwork.catalog.CatalogSettings;
import io.meshwork.dataplane.DataPlaneSettings;
import io.meshwork.dataplane.query.QuerySettings;
import io.meshwork.identity.KeycloakAdminCredentials;
import io.meshwork.monitoring.MonitoringSettings;
import io.meshwork.runtime.config.Config;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Typed settings of a mesh node, read once from {@link Config} at start. A blank Mongo URI means
 * "start the embedded MongoDB-wire server". Without Keycloak admin credentials the identity
 * administration API (service accounts) answers 503.
 */
public record NodeConfig(
    Path home,
    String httpHost,
    int httpPort,
    Optional<String> mongoUri,
    String mongoDatabase,
    String keycloakUrl,
    String realm,
    String audience,
    Optional<KeycloakAdminCredentials> keycloakAdmin,
    AccessSettings access,
    MonitoringSettings monitoring,
    CatalogSettings catalog,
    DataPlaneSettings dataPlane) {

  /** A node without identity administration, with the default access settings. */
  public NodeConfig(Path home, String httpHost, int httpPort, Optional<String> mongoUri, String mongoDatabase,
      String keycloakUrl, String realm, String audience) {
    this(home, httpHost, httpPort, mongoUri, mongoDatabase, keycloakUrl, realm, audience, Optional.empty());
  }

  /** A node with the default access settings. */
  public NodeConfig(Path home, String httpHost, int httpPort, Optional<String> mongoUri, String mongoDatabase,
      String keycloakUrl, String realm, String audience, Optional<KeycloakAdminCredentials> keycloakAdmin) {
    this(home, httpHost, httpPort, mongoUri, mongoDatabase, keycloakUrl, realm, audience, keycloakAdmin, AccessSettings.defaults());
  }

  /** A node with the default monitoring settings. */
  public NodeConfig(Path home, String httpHost, int httpPort, Optional<String> mongoUri, String mongoDatabase,
      String keycloakUrl, String realm, String audience, Optional<KeycloakAdminCredentials> keycloakAdmin, AccessSettings access) {
    this(home, httpHost, httpPort, mongoUri, mongoDatabase, keycloakUrl, realm, audience, keycloakAdmin, access, MonitoringSettings.defaults());
  }

  /**
   * A node whose catalog seeds no governance rules and retries webhooks quickly
   * ({@link CatalogSettings#bare()}): what tests of other features start.
   */
  public NodeConfig(Path home, String httpHost, int httpPort, Optional<String> mongoUri, String mongoDatabase,
      String keycloakUrl, String realm, String audience, Optional<KeycloakAdminCredentials> keycloakAdmin, AccessSettings access,
      MonitoringSettings monitoring) {
    this(home, httpHost, httpPort, mongoUri, mongoDatabase, keycloakUrl, realm, audience, keycloakAdmin, access, monitoring,
        CatalogSettings.bare());
  }

  /** A node with the default data-plane settings (domain databases under the home, every domain served). */
  public NodeConfig(Path home, String httpHost, int httpPort, Optional<String> mongoUri, String mongoDatabase,
      String keycloakUrl, String realm, String audience, Optional<KeycloakAdminCredentials> keycloakAdmin, AccessSettings access,
      MonitoringSettings monitoring, CatalogSettings catalog) {
    this(home, httpHost, httpPort, mongoUri, mongoDatabase, keycloakUrl, realm, audience, keycloakAdmin, access, monitoring, catalog,
        DataPlaneSettings.defaults(home));
  }

  public static NodeConfig from(Config config) {
    return new NodeConfig(
        config.getPath("home"),
        config.get("http.host"),
        config.getInt("http.port"),
        config.find("mongo.uri"),
        config.get("mongo.database"),
        stripSlash(config.get("keycloak.url")),
        config.get("realm"),
        config.get("node.audience"),
        keycloakAdmin(config),
        AccessSettings.parse(config.get("access.purposes"), config.get("access.masks")),
        monitoring(config),
        new CatalogSettings(config.getBoolean("catalog.governance.defaults"),
            Duration.ofMillis(config.getInt("catalog.webhooks.retry.ms")), config.getInt("catalog.webhooks.attempts"),
            Duration.ofMillis(config.getInt("catalog.search.follow.ms"))),
        dataPlane(config));
  }

  private static DataPlaneSettings dataPlane(Config config) {
    return DataPlaneSettings.parse(config.getPath("home"), config.find("domains").orElse(""), config.find("dataplane.locations").orElse(""),
        Long.parseLong(config.get("dataplane.upload.max.bytes").trim()), config.find("dataplane.file.roots").orElse(""),
        config.find("master.key"), config.getInt("dataplane.workers"), config.get("dataplane.memory.limit"))
        .withRetentionCheck(Duration.ofSeconds(config.getInt("dataplane.retention.check.seconds")))
        .withQuery(query(config));
  }

  /** The read side's limits ({@code query.*}, environment {@code MESHWORK_QUERY_*}). */
  private static QuerySettings query(Config config) {
    return new QuerySettings(config.getInt("query.limit.default"), config.getInt("query.limit.max"),
        Long.parseLong(config.get("query.cache.bytes").trim()), Long.parseLong(config.get("query.cache.entry.bytes").trim()),
        Duration.ofSeconds(config.getInt("query.timeout.seconds")), Duration.ofSeconds(config.getInt("query.cache.ttl.seconds")));
  }

  private static MonitoringSettings monitoring(Config config) {
    return new MonitoringSettings(
        Duration.ofSeconds(config.getInt("monitoring.slo.evaluate.seconds")),
        Duration.ofSeconds(config.getInt("monitoring.telemetry.sample.seconds")),
        Duration.ofHours(config.getInt("monitoring.telemetry.retention.hours")),
        Duration.ofDays(config.getInt("monitoring.usage.retention.days")),
        Optional.ofNullable(System.getenv("OTEL_SERVICE_NAME")).filter(s -> !s.isBlank()).orElse("meshwork-node"),
        Duration.ofSeconds(config.getInt("monitoring.quality.tick.seconds")));
  }

  private static Optional<KeycloakAdminCredentials> keycloakAdmin(Config config) {
    return config.find("admin.client.secret").map(secret -> new KeycloakAdminCredentials(
        URI.create(stripSlash(config.get("keycloak.url"))), config.get("realm"), config.get("admin.client.id"), secret));
  }

  /** The identity administration credentials, masked: records print every component otherwise. */
  @Override
  public String toString() {
    return "NodeConfig[home=" + home + ", httpHost=" + httpHost + ", httpPort=" + httpPort + ", mongoUri=" + mongoUri.map(u -> "***").orElse("(embedded)")
        + ", mongoDatabase=" + mongoDatabase + ", keycloakUrl=" + keycloakUrl + ", realm=" + realm + ", audience=" + audience
        + ", keycloakAdmin=" + keycloakAdmin + ", access=" + access + ", monitoring=" + monitoring + ", catalog=" + catalog + ", dataPlane=" + dataPlane + "]";
  }

  /** The same node with other catalog settings. */
  public NodeConfig withCatalog(CatalogSettings catalog) {
    return new NodeConfig(home, httpHost, httpPort, mongoUri, mongoDatabase, keycloakUrl, realm, audience, keycloakAdmin, access, monitoring,
        catalog, dataPlane);
  }

  /** The same node with other data-plane settings. */
  public NodeConfig withDataPlane(DataPlaneSettings dataPlane) {
    return new NodeConfig(home, httpHost, httpPort, mongoUri, mongoDatabase, keycloakUrl, realm, audience, keycloakAdmin, access, monitoring,
        catalog, dataPlane);
  }

  /** The token issuer the node trusts: exactly what Keycloak writes into {@code iss}. */
  public String issuer() {
    return keycloakUrl + "/realms/" + realm;
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
