package io.meshwork.dataplane.query;

import java.time.Duration;

/**
 * Limits of the read side, from the node's configuration ({@code query.*}): rows per response when
 * the consumer names no limit, the most rows a response may carry, how long one SQL or rows query
 * may run before DuckDB cancels it, and the result cache's total size, per-entry size and how long
 * an entry is kept.
 */
public record QuerySettings(int defaultLimit, int maxLimit, long cacheBytes, long cacheEntryBytes, Duration timeout, Duration cacheTtl) {

  public static final int DEFAULT_LIMIT = 1_000;
  public static final int MAX_LIMIT = 1_000_000;
  public static final long CACHE_BYTES = 64L * 1024 * 1024;
  public static final long CACHE_ENTRY_BYTES = 1024L * 1024;
  public static final Duration TIMEOUT = Duration.ofSeconds(60);
  public static final Duration CACHE_TTL = Duration.ofMinutes(15);

  public QuerySettings {
    if (defaultLimit < 1 || maxLimit < defaultLimit) {
      throw new IllegalArgumentException("query limits: need 1 <= query.limit.default (" + defaultLimit + ") <= query.limit.max (" + maxLimit + ")");
    }
    if (cacheBytes < 0 || cacheEntryBytes < 0) {
      throw new IllegalArgumentException("query.cache.bytes and query.cache.entry.bytes must not be negative");
    }
    // JDBC counts statement timeouts in whole seconds
    if (timeout.toSeconds() < 1 || timeout.toSeconds() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("query.timeout.seconds must be at least 1");
    }
    if (cacheTtl.isNegative() || cacheTtl.isZero()) {
      throw new IllegalArgumentException("query.cache.ttl.seconds must be positive");
    }
  }

  /** With the default cache time-to-live ({@link #CACHE_TTL}). */
  public QuerySettings(int defaultLimit, int maxLimit, long cacheBytes, long cacheEntryBytes, Duration timeout) {
    this(defaultLimit, maxLimit, cacheBytes, cacheEntryBytes, timeout, CACHE_TTL);
  }

  public static QuerySettings defaults() {
    return new QuerySettings(DEFAULT_LIMIT, MAX_LIMIT, CACHE_BYTES, CACHE_ENTRY_BYTES, TIMEOUT, CACHE_TTL);
  }
}
