package io.meshwork.dataplane;

import io.meshwork.dataplane.query.QuerySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Settings of the data plane, read once at start.
 *
 * @param home the node's home: domain databases under {@code domains/}, spooled uploads under {@code spool/}
 * @param servedDomains domains whose data this node serves ({@code MESHWORK_DOMAINS}); empty: all
 * @param locations per-domain database files that override {@code <home>/domains/<domain>.duckdb}
 * @param uploadMaxBytes the largest batch upload accepted (413 beyond)
 * @param fileRoots directories pull sources may read files from; nothing else on the node's disk is readable
 * @param masterKey base64 AES key for source credentials ({@code MESHWORK_MASTER_KEY}); empty: a key file in the home
 * @param workers DuckDB worker threads
 * @param memoryLimit DuckDB's memory limit for the node's DuckDB instance, which holds every domain database
 *     (e.g. "2GB"); beyond it DuckDB spills to disk. DuckDB's own default is 80 % of the machine's memory.
 * @param retentionCheck how often retention looks for expired batches (the first pass after at most a minute)
 * @param query limits of the read side: row limits, statement timeout, result cache ({@code query.*})
 */
public record DataPlaneSettings(
    Path home, Set<String> servedDomains, Map<String, Path> locations, long uploadMaxBytes, List<Path> fileRoots,
    Optional<String> masterKey, int workers, String memoryLimit, Duration retentionCheck, QuerySettings query) {

  public static final long DEFAULT_UPLOAD_MAX_BYTES = 20L * 1024 * 1024 * 1024;
  public static final String DEFAULT_MEMORY_LIMIT = "2GB";
  public static final Duration DEFAULT_RETENTION_CHECK = Duration.ofHours(1);
  private static final java.util.regex.Pattern MEMORY = java.util.regex.Pattern.compile("\\d{1,6}(\\.\\d+)?\\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)");

  /** With DuckDB's memory limit at its default ({@value #DEFAULT_MEMORY_LIMIT} per domain database). */
  public DataPlaneSettings(Path home, Set<String> servedDomains, Map<String, Path> locations, long uploadMaxBytes, List<Path> fileRoots,
      Optional<String> masterKey, int workers) {
    this(home, servedDomains, locations, uploadMaxBytes, fileRoots, masterKey, workers, DEFAULT_MEMORY_LIMIT);
  }

  /** With retention checking hourly ({@link #DEFAULT_RETENTION_CHECK}). */
  public DataPlaneSettings(Path home, Set<String> servedDomains, Map<String, Path> locations, long uploadMaxBytes, List<Path> fileRoots,
      Optional<String> masterKey, int workers, String memoryLimit) {
    this(home, servedDomains, locations, uploadMaxBytes, fileRoots, masterKey, workers, memoryLimit, DEFAULT_RETENTION_CHECK);
  }

  /** With the read side's default limits ({@link QuerySettings#defaults()}). */
  public DataPlaneSettings(Path home, Set<String> servedDomains, Map<String, Path> locations, long uploadMaxBytes, List<Path> fileRoots,
      Optional<String> masterKey, int workers, String memoryLimit, Duration retentionCheck) {
    this(home, servedDomains, locations, uploadMaxBytes, fileRoots, masterKey, workers, memoryLimit, retentionCheck, QuerySettings.defaults());
  }

  public DataPlaneSettings {
    servedDomains = Set.copyOf(servedDomains);
    locations = Map.copyOf(locations);
    fileRoots = List.copyOf(fileRoots);
    if (uploadMaxBytes < 1) {
      throw new IllegalArgumentException("dataplane.upload.max.bytes must be positive");
    }
    if (workers < 1) {
      throw new IllegalArgumentException("dataplane.workers must be at least 1");
    }
    if (memoryLimit == null || !MEMORY.matcher(memoryLimit.trim()).matches()) {
      throw new IllegalArgumentException("dataplane.memory.limit must be a size such as 2GB or 512MB, got '" + memoryLimit + "'");
    }
    memoryLimit = memoryLimit.trim();
    if (retentionCheck == null || retentionCheck.toMillis() < 100) {
      throw new IllegalArgumentException("dataplane.retention.check.seconds must be positive");
    }
    java.util.Objects.requireNonNull(query, "query");
  }

  /** The same settings with retention checking this often (tests check every second). */
  public DataPlaneSettings withRetentionCheck(Duration every) {
    return new DataPlaneSettings(home, servedDomains, locations, uploadMaxBytes, fileRoots, masterKey, workers, memoryLimit, every, query);
  }

  /** The same settings with other file roots for pipeline file sources. */
  public DataPlaneSettings withFileRoots(List<Path> roots) {
    return new DataPlaneSettings(home, servedDomains, locations, uploadMaxBytes, roots, masterKey, workers, memoryLimit, retentionCheck, query);
  }

  /** The same settings with other read-side limits. */
  public DataPlaneSettings withQuery(QuerySettings limits) {
    return new DataPlaneSettings(home, servedDomains, locations, uploadMaxBytes, fileRoots, masterKey, workers, memoryLimit, retentionCheck, limits);
  }

  public static DataPlaneSettings defaults(Path home) {
    return new DataPlaneSettings(home, Set.of(), Map.of(), DEFAULT_UPLOAD_MAX_BYTES, List.of(home.resolve("inbox")), Optional.empty(), 4);
  }

  /**
   * From configuration text: {@code domains} "orders,carts"; {@code locations} "orders=/data/orders.duckdb,…";
   * {@code fileRoots} "/srv/drop,/data/in" (blank: {@code <home>/inbox}).
   */
  public static DataPlaneSettings parse(Path home, String domains, String locations, long uploadMaxBytes, String fileRoots,
      Optional<String> masterKey, int workers) {
    return parse(home, domains, locations, uploadMaxBytes, fileRoots, masterKey, workers, DEFAULT_MEMORY_LIMIT);
  }

  public static DataPlaneSettings parse(Path home, String domains, String locations, long uploadMaxBytes, String fileRoots,
      Optional<String> masterKey, int workers, String memoryLimit) {
    Map<String, Path> where = new LinkedHashMap<>();
    for (String entry : split(locations)) {
      int eq = entry.indexOf('=');
      if (eq <= 0 || eq == entry.length() - 1) {
        throw new IllegalArgumentException("dataplane.locations entries are <domain>=<file>, got '" + entry + "'");
      }
      where.put(entry.substring(0, eq).trim(), Path.of(entry.substring(eq + 1).trim()));
    }
    List<Path> roots = split(fileRoots).stream().map(Path::of).toList();
    return new DataPlaneSettings(home, Set.copyOf(split(domains)), where, uploadMaxBytes,
        roots.isEmpty() ? List.of(home.resolve("inbox")) : roots, masterKey, workers, memoryLimit);
  }

  private static List<String> split(String text) {
    return text == null ? List.of() : Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toList());
  }

  /** The master key never prints. */
  @Override
  public String toString() {
    return "DataPlaneSettings[home=" + home + ", servedDomains=" + (servedDomains.isEmpty() ? "(all)" : servedDomains) + ", locations=" + locations
        + ", uploadMaxBytes=" + uploadMaxBytes + ", fileRoots=" + fileRoots + ", masterKey=" + masterKey.map(k -> "***").orElse("(key file)")
        + ", workers=" + workers + ", memoryLimit=" + memoryLimit + ", retentionCheck=" + retentionCheck + ", query=" + query + "]";
  }
}
