package io.meshwork.quality;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.meshwork.observability.MeshMetrics;
import io.meshwork.observability.Spans;
import io.meshwork.quality.run.DomainSql;
import io.meshwork.quality.run.QualityRoutes;
import io.meshwork.quality.run.QualityRunRepository;
import io.meshwork.quality.run.QualityRuns;
import io.meshwork.quality.run.QualityTargets;
import io.meshwork.quality.schedule.CronParser;
import io.meshwork.quality.schedule.QualityScheduler;
import io.meshwork.runtime.events.EventLog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composition root of quality: run history (MongoDB) → runs (engine, targets, domain databases,
 * events) → routes and scheduler. Once started it records the rules' results of every batch the
 * data plane announces on the event bus ({@code io.meshwork.batch.ingested|quarantined}) and runs
 * the rules that carry a schedule over their snapshots.
 */
public final class Quality {

  public static final String OPENAPI = "openapi/quality.json";
  static final Set<String> BATCH_EVENTS = Set.of("io.meshwork.batch.ingested", "io.meshwork.batch.quarantined");
  private static final Logger LOG = LoggerFactory.getLogger(Quality.class);

  private final Vertx vertx;
  private final QualityRunRepository repository;
  private final QualityRuns runs;
  private final QualityRoutes routes;
  private final QualityScheduler scheduler;

  /**
   * {@code domains} may be null on a node that serves no data: history is then read-only and nothing
   * is scheduled. Scheduled rules are checked for being due every {@code scheduleTick}; {@code cron}
   * reads their cron expressions.
   */
  public Quality(Vertx vertx, MongoDatabase database, QualityTargets targets, DomainSql domains, EventLog events, MeshMetrics metrics, Spans spans,
      Duration scheduleTick, CronParser cron) {
    this.vertx = vertx;
    repository = new QualityRunRepository(vertx, database);
    runs = new QualityRuns(repository, targets, domains, events, metrics, spans);
    routes = new QualityRoutes(runs, repository, targets, cron);
    scheduler = domains == null ? null
        : new QualityScheduler(vertx, targets, runs, domains::serves, cron, scheduleTick, Clock.systemUTC());
  }

  public Future<Void> start() {
    return repository.start().onSuccess(v -> {
      vertx.eventBus().<JsonObject>consumer(EventLog.ADDRESS, message -> {
        JsonObject event = message.body();
        if (event != null && BATCH_EVENTS.contains(event.getString("type"))) {
          runs.recordBatch(event).onFailure(err -> LOG.warn("could not record the quality of batch {}: {}",
              event.getJsonObject("data", new JsonObject()).getString("batchId"), err.toString()));
        }
      });
      if (scheduler != null) {
        scheduler.start();
      }
    });
  }

  public void mount(Router router) {
    routes.mount(router);
  }

  /** The run history, for tests and for other services that show quality. */
  public QualityRuns runs() {
    return runs;
  }
}
