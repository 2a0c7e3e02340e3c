package io.meshwork.dataplane.storage;

import io.meshwork.model.error.UnavailableException;
import io.meshwork.observability.Spans;
import io.opentelemetry.api.OpenTelemetry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The domains' DuckDB databases: one file per domain ({@code <directory>/<domain>.duckdb} unless
 * configured elsewhere), each opened once and kept open — DuckDB allows one writing process per
 * file, and opening is not free. Every piece of work runs on a dedicated worker pool with a
 * duplicated connection of its own, never on the event loop.
 *
 * <p>Writes to one domain are serialised (each starts when the previous one is done): batch
 * sequence numbers are taken inside the writing transaction, and DuckDB would fail one of two
 * concurrent transactions that touch the same rows anyway. Reads run concurrently.
 */
public final class DomainDatabases implements AutoCloseable {

  /** The batch register of a domain: one row per batch; a batch's rows and its row commit together. */
  public static final String BATCHES = "_meshwork_batches";
  /** The domain's ingestion pipelines: one row per product, credentials sealed. */
  public static final String PIPELINES = "_meshwork_pipelines";
  private static final Pattern DOMAIN = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
  private static final Logger LOG = LoggerFactory.getLogger(DomainDatabases.class);

  private final Path directory;
  private final String memoryLimit;
  private final Spans spans;
  private final Map<String, Path> locations;
  private final Set<String> served;
  private final WorkerExecutor workers;
  private final Map<String, DuckDBConnection> open = new ConcurrentHashMap<>();
  private final Map<String, Future<?>> writeTails = new HashMap<>();

  /**
   * @param directory where domain files live by default
   * @param locations per-domain file locations that override the default
   * @param served the domains this node serves; empty means all
   * @param poolSize worker threads for DuckDB work
   */
  public DomainDatabases(Vertx vertx, Path directory, Map<String, Path> locations, Set<String> served, int poolSize) {
    this(vertx, directory, locations, served, poolSize, "2GB");
  }

  /** @param memoryLimit DuckDB's memory limit for each domain database (it spills to disk beyond it) */
  public DomainDatabases(Vertx vertx, Path directory, Map<String, Path> locations, Set<String> served, int poolSize, String memoryLimit) {
    this(vertx, directory, locations, served, poolSize, memoryLimit, new Spans(OpenTelemetry.noop()));
  }

  /** @param spans every read and write is a {@code duckdb read|write} span under the caller's (the request's) span */
  public DomainDatabases(Vertx vertx, Path directory, Map<String, Path> locations, Set<String> served, int poolSize, String memoryLimit,
      Spans spans) {
    this.spans = spans;
    this.memoryLimit = memoryLimit;
    this.directory = directory;
    this.locations = Map.copyOf(locations);
    this.served = Set.copyOf(served);
    // long ingestions are expected: no blocked-thread warnings below two hours
    this.workers = vertx.createSharedWorkerExecutor("meshwork-duckdb", poolSize, 2, TimeUnit.HOURS);
  }

  /** Whether this node serves the domain's data (MESHWORK_DOMAINS; all when not set). */
  public boolean serves(String domain) {
    return served.isEmpty() || served.contains(domain);
  }

  /** Where the domain's database file is. */
  public Path location(String domain) {
    return locations.getOrDefault(domain, directory.resolve(domain + ".duckdb"));
  }

  /** The served domains that have a database (opened now or a file on disk). */
  public Future<List<String>> existing() {
    return workers.executeBlocking(() -> {
      Set<String> found = new java.util.TreeSet<>(open.keySet());
      locations.forEach((domain, path) -> {
        if (Files.exists(path)) {
          found.add(domain);
        }
      });
      if (Files.isDirectory(directory)) {
        try (var files = Files.list(directory)) {
          files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".duckdb"))
              .map(n -> n.substring(0, n.length() - ".duckdb".length())).filter(DOMAIN.asPredicate()).forEach(found::add);
        }
      }
      return found.stream().filter(this::serves).toList();
    }, false);
  }

  /** Where this node's data-plane spans are recorded (the read gate's decisions go there too). */
  public Spans spans() {
    return spans;
  }

  /** Runs read work on a worker thread with a connection of its own. */
  public <T> Future<T> read(String domain, SqlWork<T> work) {
    if (!accepts(domain)) {
      return Future.failedFuture(notServed(domain));
    }
    // the caller's trace context, taken here: a worker thread does not carry it by itself
    io.opentelemetry.context.Context caller = io.opentelemetry.context.Context.current();
    return workers.executeBlocking(() -> spans.inSpan(caller, "duckdb read", Spans.duckdb(domain, "read").build(), () -> run(domain, work)), false);
  }

  /** Runs write work on a worker thread after every earlier write to the same domain. */
  public <T> Future<T> write(String domain, SqlWork<T> work) {
    if (!accepts(domain)) {
      return Future.failedFuture(notServed(domain));
    }
    io.opentelemetry.context.Context caller = io.opentelemetry.context.Context.current();
    synchronized (writeTails) {
      Future<?> previous = writeTails.getOrDefault(domain, Future.succeededFuture());
      Future<T> next = previous.transform(ignored -> workers.executeBlocking(
          () -> spans.inSpan(caller, "duckdb write", Spans.duckdb(domain, "write").build(), () -> run(domain, work)), false));
      writeTails.put(domain, next);
      return next;
    }
  }

  private boolean accepts(String domain) {
    return domain != null && DOMAIN.matcher(domain).matches() && serves(domain);
  }

  private static UnavailableException notServed(String domain) {
    return new UnavailableException("This node does not serve the data of domain '" + domain + "'");
  }

  private <T> T run(String domain, SqlWork<T> work) throws Exception {
    try (Connection c = root(domain).duplicate()) {
      try {
        return work.apply(c);
      } catch (Exception | Error e) {
        if (!c.getAutoCommit()) {
          c.rollback();
        }
        throw e;
      }
    }
  }

  private DuckDBConnection root(String domain) throws SQLException {
    DuckDBConnection existing = open.get(domain);
    if (existing != null) {
      return existing;
    }
    synchronized (open) {
      existing = open.get(domain);
      if (existing != null) {
        return existing;
      }
      Path file = location(domain);
      try {
        Files.createDirectories(file.toAbsolutePath().getParent());
      } catch (java.io.IOException e) {
        throw new SQLException("cannot create the directory of " + file, e);
      }
      java.util.Properties properties = new java.util.Properties();
      properties.setProperty("memory_limit", memoryLimit);
      DuckDBConnection connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), properties);
      try (Statement s = connection.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS " + BATCHES + " ("
            + "seq BIGINT PRIMARY KEY, id VARCHAR UNIQUE NOT NULL, run_id VARCHAR, product VARCHAR NOT NULL, port VARCHAR NOT NULL, "
            + "major INTEGER NOT NULL, status VARCHAR NOT NULL, idempotency_key VARCHAR, source VARCHAR, format VARCHAR, "
            + "rows_valid BIGINT, rows_quarantined BIGINT, started_at TIMESTAMPTZ, committed_at TIMESTAMPTZ, "
            + "retired_at TIMESTAMPTZ, quality JSON, reasons JSON)");
        s.execute("CREATE TABLE IF NOT EXISTS " + PIPELINES + " (product VARCHAR PRIMARY KEY, spec JSON NOT NULL, credentials JSON NOT NULL, "
            + "updated_at TIMESTAMPTZ NOT NULL, updated_by VARCHAR)");
      }
      LOG.info("opened domain database {} at {}", domain, file);
      open.put(domain, connection);
      return connection;
    }
  }

  /** Checkpoints and closes every database (a clean stop leaves no WAL to replay). */
  @Override
  public void close() {
    synchronized (open) {
      open.forEach((domain, connection) -> {
        try (Statement s = connection.createStatement()) {
          s.execute("CHECKPOINT");
        } catch (SQLException e) {
          LOG.warn("could not checkpoint domain database {}: {}", domain, e.toString());
        }
        try {
          connection.close();
        } catch (SQLException e) {
          LOG.warn("could not close domain database {}: {}", domain, e.toString());
        }
      });
      open.clear();
    }
    workers.close();
  }
}
