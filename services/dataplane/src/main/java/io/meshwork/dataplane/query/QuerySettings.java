package io.meshwork.dataplane.query;

import java.time.Duration;

/**
 * Limits of the read side: rows per response when the consumer names no limit, the most rows a
 * response may carry, the result cache's total and per-entry size, and how long one SQL or rows
 * query may run before DuckDB is interrupted.
 */
public record QuerySettings(int defaultLimit, int maxLimit, long cacheBytes, long cacheEntryBytes, Duration timeout) {

  public QuerySettings {
    if (defaultLimit < 1 || maxLimit < defaultLimit) {
      throw new IllegalArgumentException("query limits: need 1 <= default (" + defaultLimit + ") <= max (" + maxLimit + ")");
    }
    if (cacheBytes < 0 || cacheEntryBytes < 0) {
      throw new IllegalArgumentException("query cache sizes must not be negative");
    }
    if (timeout.isNegative() || timeout.isZero() || timeout.toSeconds() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("query timeout must be positive");
    }
  }

  public static QuerySettings defaults() {
    return new QuerySettings(1_000, 1_000_000, 64L * 1024 * 1024, 1024L * 1024, Duration.ofSeconds(60));
  }
}
