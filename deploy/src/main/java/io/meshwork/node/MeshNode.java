package io.meshwork.node;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.meshwork.access.Access;
import io.meshwork.catalog.Catalog;
import io.meshwork.catalog.domain.DomainGroups;
import io.meshwork.dataplane.DataPlane;
import io.meshwork.dataplane.pipeline.Cron;
import io.meshwork.identity.IdentityApi;
import io.meshwork.monitoring.Monitoring;
import io.meshwork.observability.Telemetry;
import io.meshwork.quality.Quality;
import io.meshwork.quality.run.DomainSql;
import io.meshwork.observability.VertxFactory;
import io.meshwork.runtime.auth.BearerAuthHandler;
import io.meshwork.runtime.auth.TokenVerifier;
import io.meshwork.runtime.events.EventLog;
import io.meshwork.runtime.events.EventRoutes;
import io.meshwork.runtime.health.HealthRoutes;
import io.meshwork.runtime.health.ReadinessCheck;
import io.meshwork.runtime.mongo.EmbeddedMongo;
import io.meshwork.runtime.mongo.MongoFactory;
import io.meshwork.runtime.mongo.Reactive;
import io.meshwork.runtime.openapi.OpenApiDocument;
import io.meshwork.runtime.problem.ProblemHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composition root of a mesh node, readable top to bottom: telemetry → Vert.x → MongoDB →
 * identity → services → routes → HTTP server. {@link #stop()} undoes it in reverse.
 */
public final class MeshNode {

  private static final Logger LOG = LoggerFactory.getLogger(MeshNode.class);
  /** Descriptors are small; a body larger than this is a mistake or an attack. */
  private static final long API_BODY_LIMIT = 1024 * 1024;

  private final Telemetry telemetry;
  private final Vertx vertx;
  private final EmbeddedMongo embeddedMongo;
  private final MongoClient mongo;
  private final Router router;
  private final IdentityApi identity;
  private final DataPlane dataPlane;
  private final NodeVerticle verticle;
  private final Future<Void> starting;
  private MeshNode(NodeConfig config) {
    telemetry = Telemetry.start("meshwork-node");
    vertx = VertxFactory.create(telemetry);

    String mongoUri = config.mongoUri().orElse(null);
    embeddedMongo = mongoUri == null ? EmbeddedMongo.onFile(config.home().resolve("mongo/meshwork.mv"), "127.0.0.1", 0) : null;
    mongo = MongoFactory.create(mongoUri != null ? mongoUri : embeddedMongo.connectionString(), telemetry.openTelemetry());
    MongoDatabase database = mongo.getDatabase(config.mongoDatabase());

    TokenVerifier tokens = new TokenVerifier(vertx, WebClient.create(vertx), config.issuer(), config.audience());
    tokens.start();
    EventLog events = new EventLog(vertx, database);
    identity = new IdentityApi(vertx, config.keycloakAdmin(), config.realm(), config.issuer(), config.audience());
    // creating a domain creates its groups in Keycloak, when this node administers the realm
    Catalog catalog = new Catalog(vertx, database, identity.administersRealm() ? identity::ensureDomainGroups : DomainGroups.NONE,
        events, config.catalog());
    Access access = new Access(vertx, database, new CatalogPorts(catalog), events, config.access());
    Monitoring monitoring = new Monitoring(vertx, database, new CatalogProducts(catalog), events, telemetry.meters(), telemetry.metrics(),
        config.monitoring(), Clock.systemUTC());
    // ingestion runs report their lineage to the catalog's lineage store
    dataPlane = new DataPlane(vertx, config.dataPlane(), new CatalogPortContracts(catalog), events,
        runEvent -> catalog.lineage().record(runEvent).mapEmpty(), telemetry.spans());
    Quality quality = new Quality(vertx, database, new CatalogQualityTargets(catalog), new DomainSql() {
      @Override
      public <T> Future<T> read(String domain, DomainSql.Work<T> work) {
        return dataPlane.databases().read(domain, work::apply);
      }

      @Override
      public boolean serves(String domain) {
        return dataPlane.databases().serves(domain);
      }
    }, events, telemetry.metrics(), telemetry.spans(), config.monitoring().qualityScheduleTick(), expression -> Cron.parse(expression)::matches);

    router = Router.router(vertx);
    new ProblemHandler().install(router);
    monitoring.installFirst(router);
    new HealthRoutes(vertx, List.of(
        new ReadinessCheck("mongo", () -> Reactive.first(vertx, database.runCommand(new Document("ping", 1)))),
        tokens.readiness()))
        .mount(router);
    JsonObject openApi = OpenApiDocument.assemble("Meshwork node API", version(), List.of(Catalog.OPENAPI, Access.OPENAPI, IdentityApi.OPENAPI, EventRoutes.OPENAPI, Monitoring.OPENAPI, Quality.OPENAPI, DataPlane.OPENAPI));
    router.get("/openapi.json").handler(ctx -> ctx.json(openApi));
    router.get("/metrics").handler(PrometheusScrapingHandler.create(telemetry.meters()));
    identity.mountPublic(router);
    // batch uploads stream to disk: their route comes before the body handler, which would buffer them
    dataPlane.mountUploads(router, new BearerAuthHandler(tokens));
    router.route("/api/*")
        .handler(BodyHandler.create(false).setBodyLimit(API_BODY_LIMIT))
        .handler(new BearerAuthHandler(tokens));
    catalog.mount(router);
    access.mount(router);
    identity.mount(router);
    new EventRoutes(events).mount(router);
    monitoring.mount(router);
    quality.mount(router);
    dataPlane.mount(router);
    // every read of data (SQL, rows, Parquet) is decided by access governance's decision point
    dataPlane.mountReads(router, access.decisionPoint());

    verticle = new NodeVerticle(router, config.httpHost(), config.httpPort());
    starting = Future.all(events.start(), catalog.start(), access.start(), quality.start(), dataPlane.start()).compose(v -> monitoring.start()).compose(v -> vertx.deployVerticle(verticle)).mapEmpty();
  }

  /** Builds and starts a node; completes when it listens. */
  public static Future<MeshNode> start(NodeConfig config) {
    MeshNode node = new MeshNode(config);
    return node.starting
        .map(v -> node)
        .recover(err -> {
          node.stop();
          return Future.failedFuture(err);
        });
  }

  public int port() {
    return verticle.actualPort();
  }

  /** For tests that compare the routes with the OpenAPI document. */
  Router router() {
    return router;
  }

  /** Stops serving, then closes the stores so the embedded database is flushed to disk. */
  public void stop() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("Vert.x did not close cleanly: {}", e.toString());
    }
    identity.close();
    dataPlane.close();
    mongo.close();
    if (embeddedMongo != null) {
      embeddedMongo.close();
    }
    telemetry.close();
  }

  private static String version() {
    String version = MeshNode.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
