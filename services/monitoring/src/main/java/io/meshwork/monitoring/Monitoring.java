package io.meshwork.monitoring;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.meshwork.monitoring.slo.BatchHistory;
import io.meshwork.monitoring.slo.Incidents;
import io.meshwork.monitoring.slo.SloMonitor;
import io.meshwork.monitoring.slo.SloRoutes;
import io.meshwork.monitoring.telemetry.TelemetryRoutes;
import io.meshwork.monitoring.telemetry.TelemetryService;
import io.meshwork.monitoring.usage.UsageStore;
import io.meshwork.observability.MeshMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Instant;

/**
 * Composition root of the monitoring service: stores → SLO monitor, usage, telemetry → routes.
 * A node creates one, installs its error recorder first on the router ({@link #installFirst}),
 * mounts its routes after authentication, and starts it.
 */
public final class Monitoring {

  public static final String OPENAPI = "openapi/monitoring.json";

  private final Vertx vertx;
  private final MonitoringSettings settings;
  private final MeshMetrics metrics;
  private final SloMonitor slo;
  private final UsageStore usage;
  private final TelemetryService telemetry;
  private Router router;
  private final Incidents incidents;
  private final SloRoutes sloRoutes;
  private final TelemetryRoutes telemetryRoutes;
  private long pruneTimer = -1;

  /**
   * @param meters the node's meter registry, read by the telemetry sampler
   * @param metrics where SLO status gauges are recorded
   */
  public Monitoring(Vertx vertx, MongoDatabase database, ProductDirectory directory, io.meshwork.runtime.events.EventLog events,
      MeterRegistry meters, MeshMetrics metrics, MonitoringSettings settings, Clock clock) {
    this.vertx = vertx;
    this.settings = settings;
    this.metrics = metrics;
    this.incidents = new Incidents(vertx, database, events);
    this.slo = new SloMonitor(vertx, directory, new BatchHistory(vertx, database), incidents, metrics, clock);
    this.usage = new UsageStore(vertx, database);
    this.telemetry = new TelemetryService(vertx, database, meters, slo::counts, settings.service(), settings.telemetrySample(),
        settings.telemetryRetention(), () -> router == null ? java.util.List.of() : router.getRoutes());
    this.sloRoutes = new SloRoutes(slo, incidents, usage, directory);
    this.telemetryRoutes = new TelemetryRoutes(telemetry);
  }

  /** Notes every 4xx/5xx answer for the SRE error list; put it before every other route. */
  public void installFirst(Router router) {
    this.router = router;
    router.route().handler(telemetry.recentErrors());
  }

  public void mount(Router router) {
    sloRoutes.mount(router);
    telemetryRoutes.mount(router);
  }

  /** Starts listening to events and the timers; completes after a first SLO evaluation. */
  public Future<Void> start() {
    usage.listen();
    EventMeters.listen(vertx, metrics);
    telemetry.start();
    pruneTimer = vertx.setPeriodic(java.time.Duration.ofHours(1).toMillis(), id -> usage.prune(settings.usageRetention(), Instant.now()));
    return slo.start(settings.sloEvaluation());
  }

  public void stop() {
    slo.stop();
    telemetry.stop();
    if (pruneTimer >= 0) {
      vertx.cancelTimer(pruneTimer);
    }
  }

  /** For tests and the SRE: evaluate every product now. */
  public Future<Void> evaluateNow() {
    return slo.evaluateAll();
  }

  public SloMonitor sloMonitor() {
    return slo;
  }

  public Incidents incidents() {
    return incidents;
  }

  /** For tests: take and store a telemetry sample now. */
  public Future<Void> sampleNow() {
    return telemetry.sampleNow();
  }
}
