package io.meshwork.quality.run;

import io.meshwork.model.error.ForbiddenException;
import io.meshwork.model.error.NotFoundException;
import io.meshwork.model.error.UnavailableException;
import io.meshwork.observability.MeshMetrics;
import io.meshwork.observability.Spans;
import io.meshwork.quality.QualityEngine;
import io.meshwork.quality.QualityReport;
import io.meshwork.runtime.auth.Caller;
import io.meshwork.runtime.events.CloudEvent;
import io.meshwork.runtime.events.EventLog;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quality runs: recorded from the data plane's batch events (the rules ran inside the batch's
 * transaction; the report is in the event or in the batch register), or made over a port's
 * current snapshot on request or on the contract's schedule. A run that fails an error-severity rule is announced as
 * {@code io.meshwork.quality.failed}.
 */
public final class QualityRuns {

  public static final String EVENT_SOURCE = "/meshwork/quality";
  public static final String FAILED_EVENT = "io.meshwork.quality.failed";
  private static final Logger LOG = LoggerFactory.getLogger(QualityRuns.class);
  /** The data plane's register of batches in each domain database (see the data-plane storage layout). */
  static final String BATCHES = "_meshwork_batches";

  private final QualityRunRepository repository;
  private final QualityTargets targets;
  private final DomainSql domains;
  private final EventLog events;
  private final MeshMetrics metrics;
  private final Spans spans;
  private final QualityEngine engine = new QualityEngine();

  /**
   * {@code domains} may be null on a node without a data plane: on-demand runs are then unavailable.
   * Every recorded run counts in {@code meshwork_quality_runs_total{domain,outcome}}; an on-demand run
   * is a {@code quality.run} span naming the domain, product and port.
   */
  public QualityRuns(QualityRunRepository repository, QualityTargets targets, DomainSql domains, EventLog events, MeshMetrics metrics, Spans spans) {
    this.repository = repository;
    this.targets = targets;
    this.domains = domains;
    this.events = events;
    this.metrics = metrics;
    this.spans = spans;
  }

  /** Runs the rules of the product's ports (or of one) over their snapshots now; domain owners and mesh admins only. */
  public Future<List<QualityRun>> runNow(Caller caller, String productId, String onlyPort) {
    return targets.product(productId).compose(product -> {
      if (!caller.administers(product.domain())) {
        throw new ForbiddenException("Only the owners of domain '" + product.domain() + "' and mesh admins run quality checks");
      }
      return runSnapshot(product, onlyPort, QualityRun.MANUAL);
    });
  }

  /** Runs the rules of one port over its snapshot because the contract's schedule says so. */
  public Future<List<QualityRun>> runScheduled(String productId, String port) {
    return targets.product(productId).compose(product -> runSnapshot(product, port, QualityRun.SCHEDULE));
  }

  private Future<List<QualityRun>> runSnapshot(QualityTargets.ProductTarget product, String onlyPort, String trigger) {
    if (domains == null) {
      throw new UnavailableException("This node has no data plane to run quality checks on");
    }
    String productId = product.productId();
    List<QualityTargets.PortTarget> ports = product.ports().stream().filter(p -> onlyPort == null || p.port().equals(onlyPort)).toList();
    if (ports.isEmpty()) {
      throw new NotFoundException(onlyPort == null
          ? "Data product '" + productId + "' has no output port with a contract"
          : "Data product '" + productId + "' has no output port '" + onlyPort + "' with a contract");
    }
    List<Future<QualityRun>> runs = new ArrayList<>();
    for (QualityTargets.PortTarget port : ports) {
      runs.add(spans.around("quality.run", Spans.of(product.domain(), product.productId(), port.port()),
          () -> domains.read(product.domain(), c -> snapshotRun(c, product, port, trigger))).compose(this::record));
    }
    return Future.all(runs).map(all -> all.<QualityRun>list());
  }

  private QualityRun snapshotRun(Connection c, QualityTargets.ProductTarget product, QualityTargets.PortTarget port, String trigger) throws SQLException {
    String table = quote(product.productId() + "__" + port.port() + "__v" + port.major());
    String committed = "SELECT seq FROM " + BATCHES + " WHERE product = " + literal(product.productId()) + " AND port = " + literal(port.port())
        + " AND major = " + port.major() + " AND status = 'committed'";
    Instant latestBatch = null;
    boolean exists;
    try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' AND table_name = ?")) {
      s.setString(1, product.productId() + "__" + port.port() + "__v" + port.major());
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        exists = rs.getLong(1) > 0;
      }
    }
    if (!exists) {
      throw new NotFoundException("Output port '" + port.port() + "' of '" + product.productId() + "' has no data yet");
    }
    try (PreparedStatement s = c.prepareStatement("SELECT max(committed_at) FROM " + BATCHES
        + " WHERE product = ? AND port = ? AND major = ? AND status = 'committed'")) {
      s.setString(1, product.productId());
      s.setString(2, port.port());
      s.setInt(3, port.major());
      try (ResultSet rs = s.executeQuery()) {
        if (rs.next()) {
          Timestamp t = rs.getTimestamp(1);
          latestBatch = t == null ? null : t.toInstant();
        }
      }
    }
    if (latestBatch == null && trigger.equals(QualityRun.SCHEDULE)) {
      // a port whose first batch is still being written is not yet a snapshot to watch (no false alarm)
      throw new NotFoundException("Output port '" + port.port() + "' of '" + product.productId() + "' has no committed batch yet");
    }
    // the snapshot exactly as consumers read it, without the system column
    String relation = "(SELECT * EXCLUDE (_batch) FROM " + table + " WHERE _batch IN (" + committed + "))";
    QualityReport report = engine.evaluate(c, relation, port.object(), QualityEngine.rulesOf(port.object()));
    return new QualityRun(UUID.randomUUID().toString(), product.productId(), product.domain(), port.port(), port.major(),
        trigger, null, report.evaluatedAt(), latestBatch, port.freshness(), report);
  }

  /**
   * Records the rules' results of an ingested or quarantined batch from its CloudEvent
   * ({@code io.meshwork.batch.ingested|quarantined}): the report from {@code data.quality}, else
   * from the batch register.
   */
  public Future<QualityRun> recordBatch(JsonObject event) {
    JsonObject data = event.getJsonObject("data", new JsonObject());
    String productId = data.getString("product");
    String port = data.getString("port");
    String batchId = data.getString("batchId");
    if (productId == null || port == null || batchId == null) {
      return Future.succeededFuture();
    }
    return targets.product(productId).compose(product -> {
      QualityTargets.PortTarget target = product.ports().stream().filter(p -> p.port().equals(port)).findFirst().orElse(null);
      Future<BatchQuality> quality = data.getValue("quality") instanceof JsonObject q
          ? Future.succeededFuture(new BatchQuality(q, instant(data.getString("committedAt"))))
          : domains == null ? Future.succeededFuture() : domains.read(product.domain(), c -> batchQuality(c, batchId));
      return quality.compose(found -> {
        if (found == null || found.report == null || found.report.getJsonArray("results", new JsonArray()).isEmpty()) {
          return Future.succeededFuture();
        }
        QualityReport report = QualityReport.fromJson(found.report);
        int major = data.getInteger("major", target == null ? 0 : target.major());
        // the batch's id names its run, so the two events of a partly quarantined batch record it once
        return record(new QualityRun("batch:" + product.domain() + ":" + batchId, productId, product.domain(), port, major, QualityRun.BATCH, batchId,
            report.evaluatedAt(), found.latestBatch, target == null ? null : target.freshness(), report));
      });
    });
  }

  private record BatchQuality(JsonObject report, Instant latestBatch) {}

  private static BatchQuality batchQuality(Connection c, String batchId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT b.quality, (SELECT max(committed_at) FROM " + BATCHES
        + " l WHERE l.product = b.product AND l.port = b.port AND l.major = b.major AND l.status = 'committed') FROM " + BATCHES + " b WHERE b.id = ?")) {
      s.setString(1, batchId);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next() || rs.getString(1) == null) {
          return null;
        }
        Timestamp latest = rs.getTimestamp(2);
        return new BatchQuality(new JsonObject(rs.getString(1)), latest == null ? null : latest.toInstant());
      }
    }
  }

  /** Stores the run and announces it if it blocks; an already stored run (same id) is neither stored nor announced again. */
  private Future<QualityRun> record(QualityRun run) {
    return repository.store(run).compose(stored -> {
      if (!stored) {
        return Future.succeededFuture(run);
      }
      metrics.qualityRun(run.domain(), !run.report().blocking());
      return run.report().blocking() ? announceFailure(run) : Future.succeededFuture(run);
    });
  }

  private Future<QualityRun> announceFailure(QualityRun run) {
    JsonObject data = new JsonObject()
        .put("domain", run.domain())
        .put("product", run.productId())
        .put("port", run.port())
        .put("major", run.major())
        .put("runId", run.id())
        .put("trigger", run.trigger())
        .put("failedRules", new JsonArray(run.report().blockingRules()))
        .put("score", run.score(Instant.now()).score());
    if (run.batchId() != null) {
      data.put("batchId", run.batchId());
    }
    return events.append(CloudEvent.of(EVENT_SOURCE, FAILED_EVENT, run.productId(), data))
        .map(run)
        .recover(err -> {
          LOG.warn("could not announce failed quality run {}: {}", run.id(), err.toString());
          return Future.succeededFuture(run);
        });
  }

  private static Instant instant(String text) {
    try {
      return text == null ? null : Instant.parse(text);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  private static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
