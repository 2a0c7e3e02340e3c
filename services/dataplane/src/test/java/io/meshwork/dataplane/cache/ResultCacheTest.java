package io.meshwork.dataplane.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResultCacheTest {

  private static ResultCache.Entry entry(String body, String port) {
    return new ResultCache.Entry(Buffer.buffer(body), "application/json", 1, false, Set.of(port));
  }

  @Test
  void anEntryLeavesAfterItsTimeToLive() {
    ResultCache expired = new ResultCache(1024, 1024, Duration.ofNanos(1));
    expired.put("k", entry("{}", "orders-daily/lines"));
    assertThat(expired.get("k")).isEmpty();
    assertThat(expired.size()).isZero();
    assertThat(expired.bytes()).isZero();

    ResultCache kept = new ResultCache(1024, 1024, Duration.ofMinutes(15));
    kept.put("k", entry("{}", "orders-daily/lines"));
    assertThat(kept.get("k")).isPresent();
  }

  @Test
  void aBatchOfAnyPortTheResultReadDropsIt() {
    ResultCache cache = new ResultCache(1024, 1024, Duration.ofMinutes(15));
    cache.put("join", new ResultCache.Entry(Buffer.buffer("[]"), "application/json", 0, false, Set.of("orders-daily/lines", "product-catalogue/skus")));
    cache.put("orders", entry("[1]", "orders-daily/lines"));
    cache.invalidate("product-catalogue", "skus");
    assertThat(cache.get("join")).isEmpty();
    assertThat(cache.get("orders")).isPresent();
    assertThat(cache.bytes()).isEqualTo(3);
  }

  @Test
  void bigEntriesAreNotKeptAndTheTotalIsBounded() {
    ResultCache cache = new ResultCache(10, 6, Duration.ofMinutes(15));
    cache.put("big", entry("1234567", "p/q"));
    assertThat(cache.get("big")).isEmpty();
    cache.put("a", entry("12345", "p/q"));
    cache.put("b", entry("12345", "p/q"));
    cache.put("c", entry("12345", "p/q"));
    assertThat(cache.get("a")).isEmpty();
    assertThat(cache.bytes()).isEqualTo(10);
  }
}
