package io.meshwork.dataplane.storage;

import io.meshwork.model.error.UnavailableException;
import io.meshwork.observability.Spans;
import io.opentelemetry.api.OpenTelemetry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
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
 * configured elsewhere), each attached once to the node's one DuckDB instance (an in-memory root)
 * and kept attached — DuckDB allows one writing process per file, and opening is not free. Every
 * piece of work runs on a dedicated worker pool with a duplicated connection of its own, never on
 * the event loop, its default catalog set to the domain's database ({@code USE}), so unqualified
 * names are that domain's tables.
 *
 * <p>Why one instance and not one per file: a query that joins ports of two domains must read
 * both files in one DuckDB. A file that one instance has open cannot be attached by another in the
 * same process ("Unique file handle conflict"), and copying one side into the other per query
 * (Parquet, Arrow) cost 7–8 times as much as the join itself in a measurement (4 M × 100 k rows:
 * ~180 ms attached, ~1.4 s materialised). Under one instance a cross-domain read is a plain join;
 * see {@link #readAcross}. The memory limit is the instance's, shared by all domains.
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

  private final Vertx vertx;
  private final Path directory;
  private final String memoryLimit;
  private final Spans spans;
  private final Map<String, Path> locations;
  private final Set<String> served;
  private final WorkerExecutor workers;
  /** The node's DuckDB instance (in memory); the domain files are attached to it. Guarded by {@link #attached}. */
  private volatile DuckDBConnection instance;
  private final Set<String> attached = ConcurrentHashMap.newKeySet();
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
    this.vertx = vertx;
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
      Set<String> found = new java.util.TreeSet<>(attached);
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
    return readAcross(List.of(domain), work);
  }

  /**
   * Runs read work that may read several domains: their databases are attached, the connection's
   * default catalog is the first one's, the others' tables are reached as
   * {@code <catalog(domain)>.main.<table>}. Only for reads: DuckDB writes one database per transaction.
   */
  public <T> Future<T> readAcross(List<String> domains, SqlWork<T> work) {
    for (String domain : domains) {
      if (!accepts(domain)) {
        return Future.failedFuture(notServed(domain));
      }
    }
    // the caller's trace context, taken here: a worker thread does not carry it by itself
    io.opentelemetry.context.Context caller = io.opentelemetry.context.Context.current();
    return workers.executeBlocking(() -> spans.inSpan(caller, "duckdb read", Spans.duckdb(String.join(",", domains), "read").build(),
        () -> run(domains, work)), false);
  }

  /** The quoted catalog name under which a domain's database is attached, to qualify its tables in a cross-domain read. */
  public static String catalog(String domain) {
    return "\"" + catalogName(domain) + "\"";
  }

  /** The catalog name of a domain's database, unquoted (as DuckDB's catalog functions list it). */
  public static String catalogName(String domain) {
    return "domain:" + domain;
  }

  /**
   * Runs write work on a worker thread after every earlier write to the same domain. The result
   * is delivered on the caller's Vert.x context: the previous write's completion starts this one,
   * but a result handed over on that write's context would answer this request under the other
   * request's trace id.
   */
  public <T> Future<T> write(String domain, SqlWork<T> work) {
    if (!accepts(domain)) {
      return Future.failedFuture(notServed(domain));
    }
    io.opentelemetry.context.Context trace = io.opentelemetry.context.Context.current();
    Context caller = vertx.getOrCreateContext();
    Promise<T> done = Promise.promise();
    synchronized (writeTails) {
      Future<?> previous = writeTails.getOrDefault(domain, Future.succeededFuture());
      writeTails.put(domain, done.future());
      // submitted from the caller's context, the blocking work's future completes there
      previous.onComplete(ignored -> caller.runOnContext(v -> workers.executeBlocking(
          () -> spans.inSpan(trace, "duckdb write", Spans.duckdb(domain, "write").build(), () -> run(List.of(domain), work)), false)
          .onComplete(done)));
    }
    return done.future();
  }

  private boolean accepts(String domain) {
    return domain != null && DOMAIN.matcher(domain).matches() && serves(domain);
  }

  private static UnavailableException notServed(String domain) {
    return new UnavailableException("This node does not serve the data of domain '" + domain + "'");
  }

  private <T> T run(List<String> domains, SqlWork<T> work) throws Exception {
    for (String domain : domains) {
      attach(domain);
    }
    try (Connection c = instance.duplicate()) {
      try (Statement s = c.createStatement()) {
        s.execute("USE " + catalog(domains.get(0)));
      }
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

  private void attach(String domain) throws SQLException {
    if (attached.contains(domain)) {
      return;
    }
    synchronized (attached) {
      if (attached.contains(domain)) {
        return;
      }
      Path file = location(domain);
      try {
        Files.createDirectories(file.toAbsolutePath().getParent());
      } catch (java.io.IOException e) {
        throw new SQLException("cannot create the directory of " + file, e);
      }
      if (instance == null) {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("memory_limit", memoryLimit);
        // an in-memory root would spill into the working directory: spill next to the domain files
        properties.setProperty("temp_directory", directory.resolve("spill.tmp").toAbsolutePath().toString());
        instance = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:", properties);
      }
      try (Statement s = instance.createStatement()) {
        s.execute("ATTACH " + PortTable.literal(file.toAbsolutePath().toString()) + " AS " + catalog(domain));
        s.execute("USE " + catalog(domain));
        s.execute("CREATE TABLE IF NOT EXISTS " + BATCHES + " ("
            + "seq BIGINT PRIMARY KEY, id VARCHAR UNIQUE NOT NULL, run_id VARCHAR, product VARCHAR NOT NULL, port VARCHAR NOT NULL, "
            + "major INTEGER NOT NULL, status VARCHAR NOT NULL, idempotency_key VARCHAR, source VARCHAR, format VARCHAR, "
            + "rows_valid BIGINT, rows_quarantined BIGINT, started_at TIMESTAMPTZ, committed_at TIMESTAMPTZ, "
            + "retired_at TIMESTAMPTZ, quality JSON, reasons JSON)");
        s.execute("CREATE TABLE IF NOT EXISTS " + PIPELINES + " (product VARCHAR PRIMARY KEY, spec JSON NOT NULL, credentials JSON NOT NULL, "
            + "updated_at TIMESTAMPTZ NOT NULL, updated_by VARCHAR)");
      }
      LOG.info("attached domain database {} at {}", domain, file);
      attached.add(domain);
    }
  }

  /** Checkpoints and closes every database (a clean stop leaves no WAL to replay). */
  @Override
  public void close() {
    synchronized (attached) {
      if (instance != null) {
        for (String domain : attached) {
          try (Statement s = instance.createStatement()) {
            s.execute("CHECKPOINT " + catalog(domain));
          } catch (SQLException e) {
            LOG.warn("could not checkpoint domain database {}: {}", domain, e.toString());
          }
        }
        try {
          instance.close();
        } catch (SQLException e) {
          LOG.warn("could not close the domain databases: {}", e.toString());
        }
        instance = null;
      }
      attached.clear();
    }
    workers.close();
  }
}
