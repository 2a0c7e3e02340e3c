package io.meshwork.dataplane.query;

import io.meshwork.dataplane.cache.CapturingSink;
import io.meshwork.dataplane.cache.ResultCache;
import io.meshwork.dataplane.storage.DomainDatabases;
import io.meshwork.quality.sql.SqlParser;
import io.meshwork.runtime.auth.Caller;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The SQL output port: a consumer's SELECT, checked by the {@link PortQueryGuard}, each port it names
 * decided by the policy decision point, run over the ports' governed relations, streamed back,
 * cached when small, audited per port. Ports of several domains join in one DuckDB statement
 * ({@link DomainDatabases#readAcross}): each port is still replaced by its own governed relation,
 * qualified with its domain's catalog, so no domain's stored table is ever named by the consumer.
 */
public final class QueryService {

  /** What a served query reports for the audit. */
  record Served(List<GovernedPort> ports, Map<PortName, Snapshot> snapshots, long rows, boolean cached) {}

  /** A checked query and its fingerprint, kept by SQL text: the same text is checked once. */
  record Checked(GuardedQuery query, String fingerprint) {}

  /** Parsing costs a few DuckDB calls per query; both maps remember the last {@value #PARSED} texts. */
  static final int PARSED = 512;
  private final Map<String, Checked> checked = lru();
  /** Rendered SQL by (consumer's SQL, governed relations): a pure function of both, so safe to reuse. */
  private final Map<String, String> rendered = lru();

  private final Vertx vertx;
  private final SqlParser parser;
  private final PortQueryGuard guard;
  private final DomainDatabases domains;
  private final ReadAccess access;
  private final ResultCache cache;
  private final QuerySettings settings;

  public QueryService(Vertx vertx, SqlParser parser, DomainDatabases domains, ReadAccess access, ResultCache cache, QuerySettings settings) {
    this.vertx = vertx;
    this.parser = parser;
    this.guard = new PortQueryGuard(parser);
    this.domains = domains;
    this.access = access;
    this.cache = cache;
    this.settings = settings;
  }

  /** Serves the query into {@code sink}; completes when the last chunk is written (the caller ends the response). */
  public Future<Void> serve(Caller caller, QueryRequest request, ResultSink sink) {
    long started = System.nanoTime();
    return vertx.executeBlocking(() -> check(request.sql()), false)
        .compose(checkedQuery -> Future.all(checkedQuery.query().ports().stream().map(p -> access.open(caller, p, request.purpose(), "sql")).toList())
            .compose(all -> {
              List<GovernedPort> ports = all.list();
              List<String> domainsRead = ports.stream().map(p -> p.name().domain()).distinct().toList();
              return domains.readAcross(domainsRead, c -> run(c, checkedQuery, ports, request, sink));
            }))
        .compose(served -> {
          long ms = (System.nanoTime() - started) / 1_000_000;
          return Future.all(served.ports().stream()
              .map(p -> access.audit().served(p, "sql", served.rows(), ms, served.snapshots().get(p.name()).seq(), served.cached()))
              .toList()).mapEmpty();
        });
  }

  private Checked check(String sql) {
    Checked known;
    synchronized (checked) {
      known = checked.get(sql);
    }
    if (known == null) {
      GuardedQuery query = guard.check(sql);
      known = new Checked(query, query.fingerprint());
      synchronized (checked) {
        checked.put(sql, known);
      }
    }
    return known;
  }

  private Served run(Connection c, Checked checkedQuery, List<GovernedPort> ports, QueryRequest request, ResultSink sink) throws SQLException {
    GuardedQuery query = checkedQuery.query();
    Map<PortName, Snapshot> snapshots = new LinkedHashMap<>();
    Map<PortName, String> relations = new LinkedHashMap<>();
    boolean acrossDomains = ports.stream().map(p -> p.name().domain()).distinct().count() > 1;
    Map<String, AsOf> asOf = asOfPerDomain(c, ports, request.asOf(), acrossDomains);
    for (GovernedPort port : ports) {
      String domain = port.name().domain();
      Snapshot snapshot = Snapshot.resolve(c, domain, port.schema().table(), asOf.get(domain));
      snapshots.put(port.name(), snapshot);
      relations.put(port.name(), GovernedSelect.sql(port.schema(), port.decision(), snapshot, Snapshot.qualifier(domain)));
    }
    String sql = render(request.sql(), query, relations);
    String key = query.volatileFunctions() ? null : ResultCache.key(checkedQuery.fingerprint() + "\n" + request.format() + "\n" + request.limit()
        + "\n" + ports.stream().map(p -> p.name() + "=" + p.decisionKey() + "@" + snapshots.get(p.name()).key()).collect(Collectors.joining("\n")));
    List<String> portKeys = ports.stream().map(p -> p.name().product() + "/" + p.name().port()).toList();
    if (key != null) {
      var hit = cache.get(key);
      if (hit.isPresent()) {
        sink.start(200, headers(request.format(), "hit"));
        sink.write(hit.get().body().copy());
        return new Served(ports, snapshots, hit.get().rows(), true);
      }
    }
    try (Statement statement = c.createStatement()) {
      statement.setQueryTimeout((int) settings.timeout().toSeconds());
      ResultSet rs;
      try {
        rs = statement.executeQuery("SELECT * FROM (" + sql + ") AS meshwork_result LIMIT " + (request.limit() + 1L));
      } catch (SQLException e) {
        throw SqlErrors.of(e, ports, "/sql", settings.timeout());
      }
      try (rs) {
        sink.start(200, headers(request.format(), key == null ? "off" : "miss"));
        CapturingSink capture = new CapturingSink(sink, key == null ? 0 : cache.maxEntryBytes());
        RowWriter.Outcome outcome = new RowWriter(capture).write(rs, request.format(), request.limit(), RowWriter.QUERY);
        if (key != null) {
          capture.captured().ifPresent(body -> cache.put(key,
              new ResultCache.Entry(body, request.format().contentType(), outcome.rows(), outcome.truncated(), java.util.Set.copyOf(portKeys))));
        }
        return new Served(ports, snapshots, outcome.rows(), false);
      }
    }
  }

  /**
   * The snapshot each domain's ports are read at. A batch id belongs to one domain: its ports read
   * the snapshot right after that batch, the other domains' ports what was committed by the time
   * it was (its commit instant), so a cross-domain asOf is one moment of the mesh.
   */
  private static Map<String, AsOf> asOfPerDomain(Connection c, List<GovernedPort> ports, AsOf asOf, boolean acrossDomains) throws SQLException {
    Map<String, AsOf> perDomain = new LinkedHashMap<>();
    List<String> domainsRead = ports.stream().map(p -> p.name().domain()).distinct().toList();
    domainsRead.forEach(d -> perDomain.put(d, asOf));
    if (!acrossDomains || asOf.batchId() == null) {
      return perDomain;
    }
    for (String domain : domainsRead) {
      try (var ps = c.prepareStatement("SELECT coalesce(committed_at, started_at) FROM " + Snapshot.qualifier(domain) + DomainDatabases.BATCHES + " WHERE id = ?")) {
        ps.setString(1, asOf.batchId());
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            java.time.Instant at = rs.getObject(1, java.time.OffsetDateTime.class).toInstant();
            domainsRead.forEach(d -> perDomain.put(d, d.equals(domain) ? asOf : new AsOf(null, at, null)));
            return perDomain;
          }
        }
      }
    }
    throw new io.meshwork.model.error.NotFoundException("No batch '" + asOf.batchId() + "' in the domains " + domainsRead + " (asOf)");
  }

  private String render(String text, GuardedQuery query, Map<PortName, String> relations) {
    String key = text + "\u0000" + relations;
    String known;
    synchronized (rendered) {
      known = rendered.get(key);
    }
    if (known != null) {
      return known;
    }
    Map<PortName, JsonObject> trees = new LinkedHashMap<>();
    relations.forEach((port, sql) -> trees.put(port, parser.serialize(sql).getJsonArray("statements").getJsonObject(0)));
    String sql = query.render(trees, parser);
    synchronized (rendered) {
      rendered.put(key, sql);
    }
    return sql;
  }

  private static <V> Map<String, V> lru() {
    return new java.util.LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > PARSED;
      }
    };
  }

  private static Map<String, String> headers(ResultFormat format, String cacheState) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", format.contentType());
    headers.put("Cache-Control", "no-store");
    headers.put("Meshwork-Cache", cacheState);
    return headers;
  }
}
