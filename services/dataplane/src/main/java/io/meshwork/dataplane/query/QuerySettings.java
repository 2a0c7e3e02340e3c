package io.meshwork.dataplane.query;

/**
 * Limits of the read side: rows per response when the consumer names no limit, the most rows a
 * response may carry, and the result cache's total and per-entry size.
 */
public record QuerySettings(int defaultLimit, int maxLimit, long cacheBytes, long cacheEntryBytes) {

  public QuerySettings {
    if (defaultLimit < 1 || maxLimit < defaultLimit) {
      throw new IllegalArgumentException("query limits: need 1 <= default (" + defaultLimit + ") <= max (" + maxLimit + ")");
    }
    if (cacheBytes < 0 || cacheEntryBytes < 0) {
      throw new IllegalArgumentException("query cache sizes must not be negative");
    }
  }

  public static QuerySettings defaults() {
    return new QuerySettings(1_000, 1_000_000, 64L * 1024 * 1024, 1024L * 1024);
  }
}
