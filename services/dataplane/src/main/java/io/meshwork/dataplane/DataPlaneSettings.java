package io.meshwork.dataplane;

import java.nio.file.Path;
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
 */
public record DataPlaneSettings(
    Path home, Set<String> servedDomains, Map<String, Path> locations, long uploadMaxBytes, List<Path> fileRoots,
    Optional<String> masterKey, int workers) {

  public static final long DEFAULT_UPLOAD_MAX_BYTES = 20L * 1024 * 1024 * 1024;

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
        roots.isEmpty() ? List.of(home.resolve("inbox")) : roots, masterKey, workers);
  }

  private static List<String> split(String text) {
    return text == null ? List.of() : Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toList());
  }

  /** The master key never prints. */
  @Override
  public String toString() {
    return "DataPlaneSettings[home=" + home + ", servedDomains=" + (servedDomains.isEmpty() ? "(all)" : servedDomains) + ", locations=" + locations
        + ", uploadMaxBytes=" + uploadMaxBytes + ", fileRoots=" + fileRoots + ", masterKey=" + masterKey.map(k -> "***").orElse("(key file)")
        + ", workers=" + workers + "]";
  }
}
