package io.meshwork.dataplane.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node's ingestion runs, in memory: running ones for their live progress, finished ones for
 * an hour (after that, and after a restart, a run is read back from the batch register).
 */
public final class Runs {

  private static final Duration KEEP_FINISHED = Duration.ofHours(1);
  private final Map<String, Run> runs = new ConcurrentHashMap<>();

  public Run start(String domain, String product, String port, String source, String trigger) {
    evictOld();
    Run run = new Run("r-" + UUID.randomUUID(), domain, product, port, source, trigger);
    runs.put(run.id(), run);
    return run;
  }

  public Optional<Run> find(String id) {
    return Optional.ofNullable(runs.get(id));
  }

  /** Whether a run of this product and source is still going (a schedule does not start a second one). */
  public boolean running(String product, String source) {
    return runs.values().stream().anyMatch(r -> !r.finished() && r.product().equals(product) && source.equals(r.source()));
  }

  private void evictOld() {
    Instant limit = Instant.now().minus(KEEP_FINISHED);
    runs.values().removeIf(r -> r.finished() && r.startedAt().isBefore(limit));
  }
}
