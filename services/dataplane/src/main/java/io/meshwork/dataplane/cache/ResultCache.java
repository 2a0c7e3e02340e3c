package io.meshwork.dataplane.cache;

import io.meshwork.runtime.events.EventLog;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hot query results, kept as the bytes that were sent, keyed by (query, decision, snapshot): the
 * same query under the same grant over the same committed batches gives the same bytes. Bounded
 * by total size (least recently used first out) and per entry (big results are streamed, never
 * kept). The key already changes when a batch commits, so an entry can never be stale; entries of
 * a port are also dropped as soon as a batch is ingested into it ({@code io.meshwork.batch.*}
 * events on the event bus), so the memory goes to current snapshots. An entry also leaves after its
 * time to live ({@code query.cache.ttl.seconds}): a result nobody asked for again should not hold
 * memory until the next batch.
 */
public final class ResultCache {

  /** A cached result: the body, its media type, the row count, and the ports it read ("product/port"). */
  public record Entry(Buffer body, String contentType, long rows, boolean truncated, Set<String> ports) {}

  private final long maxBytes;
  private final long maxEntryBytes;
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
  private final java.util.HashMap<String, Long> expiry = new java.util.HashMap<>();
  private final long ttlNanos;
  private long bytes;
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();

  public ResultCache(long maxBytes, long maxEntryBytes) {
    this(maxBytes, maxEntryBytes, java.time.Duration.ofDays(365));
  }

  public ResultCache(long maxBytes, long maxEntryBytes, java.time.Duration ttl) {
    this.maxBytes = maxBytes;
    this.maxEntryBytes = Math.min(maxEntryBytes, maxBytes);
    this.ttlNanos = ttl.toNanos();
  }

  /** Drops a port's entries whenever a batch of it is ingested or retired. */
  public void listen(EventBus bus) {
    bus.<JsonObject>consumer(EventLog.ADDRESS, message -> {
      JsonObject event = message.body();
      String type = event.getString("type", "");
      JsonObject data = event.getJsonObject("data", new JsonObject());
      if (type.startsWith("io.meshwork.batch.") && data.getString("product") != null) {
        invalidate(data.getString("product"), data.getString("port"));
      }
    });
  }

  public long maxEntryBytes() {
    return maxEntryBytes;
  }

  public synchronized Optional<Entry> get(String key) {
    Entry entry = entries.get(key);
    if (entry != null && System.nanoTime() - expiry.get(key) > 0) {
      remove(key);
      entry = null;
    }
    (entry == null ? misses : hits).incrementAndGet();
    return Optional.ofNullable(entry);
  }

  public synchronized void put(String key, Entry entry) {
    if (entry.body().length() > maxEntryBytes) {
      return;
    }
    Entry previous = entries.put(key, entry);
    if (previous != null) {
      bytes -= previous.body().length();
    }
    bytes += entry.body().length();
    expiry.put(key, System.nanoTime() + ttlNanos);
    Iterator<Map.Entry<String, Entry>> eldest = entries.entrySet().iterator();
    while (bytes > maxBytes && eldest.hasNext()) {
      Map.Entry<String, Entry> out = eldest.next();
      bytes -= out.getValue().body().length();
      expiry.remove(out.getKey());
      eldest.remove();
    }
  }

  /** Drops every entry that read the port (all ports of the product when port is null). */
  public synchronized void invalidate(String product, String port) {
    Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, Entry> next = it.next();
      Entry entry = next.getValue();
      boolean reads = entry.ports().stream().anyMatch(p -> port == null ? p.startsWith(product + "/") : p.equals(product + "/" + port));
      if (reads) {
        bytes -= entry.body().length();
        expiry.remove(next.getKey());
        it.remove();
      }
    }
  }

  private void remove(String key) {
    Entry entry = entries.remove(key);
    if (entry != null) {
      bytes -= entry.body().length();
    }
    expiry.remove(key);
  }

  public synchronized int size() {
    return entries.size();
  }

  public synchronized long bytes() {
    return bytes;
  }

  public long hits() {
    return hits.get();
  }

  public long misses() {
    return misses.get();
  }

  /** A compact key for a long description of (query, decisions, snapshots, format, limit). */
  public static String key(String description) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(description.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
