package io.meshwork.dataplane.pipeline;

import io.meshwork.dataplane.DataPlaneSettings;
import io.meshwork.dataplane.PortContract;
import io.meshwork.dataplane.PortContracts;
import io.meshwork.dataplane.credentials.CredentialCipher;
import io.meshwork.dataplane.ingest.IngestJob;
import io.meshwork.dataplane.ingest.IngestService;
import io.meshwork.dataplane.ingest.Run;
import io.meshwork.dataplane.storage.DomainDatabases;
import io.meshwork.model.error.ConflictException;
import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.NotFoundException;
import io.meshwork.model.error.UnprocessableException;
import io.meshwork.model.error.Violation;
import io.meshwork.runtime.auth.Caller;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pipelines: attach a validated spec to a product, run a source on demand or on its schedule.
 * A run pulls the source — a URL downloaded to the spool (with its credentials, opened only for
 * the request), or a file read in place if it lies under a configured file root — and ingests it
 * as a batch like any upload.
 */
public final class Pipelines {

  private static final Logger LOG = LoggerFactory.getLogger(Pipelines.class);
  /** Runs kept per product for {@code GET …/pipeline/runs}. */
  static final int HISTORY = 50;
  /** The most seconds one scheduler tick looks back over. */
  static final Duration CATCH_UP = Duration.ofMinutes(1);

  private final Vertx vertx;
  private final DomainDatabases databases;
  private final PortContracts ports;
  private final IngestService ingest;
  private final PipelineStore store;
  private final Supplier<CredentialCipher> cipher;
  private final DataPlaneSettings settings;
  private final Path spool;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build();
  /** Pipelines with a schedule, by product, kept current by {@link #put} and {@link #detach}; read by the scheduler tick. */
  private final Map<String, PipelineStore.Stored> scheduled = new ConcurrentHashMap<>();
  /** The latest runs each product's pipeline started (on demand or on schedule), newest first; in memory only. */
  private final Map<String, Deque<Run>> history = new ConcurrentHashMap<>();
  private ZonedDateTime lastTick;

  public Pipelines(Vertx vertx, DomainDatabases databases, PortContracts ports, IngestService ingest, Supplier<CredentialCipher> cipher,
      DataPlaneSettings settings, Path spool) {
    this.vertx = vertx;
    this.databases = databases;
    this.ports = ports;
    this.ingest = ingest;
    this.store = new PipelineStore(databases);
    this.cipher = cipher;
    this.settings = settings;
    this.spool = spool;
  }

  /** Loads the scheduled pipelines of the served domains and starts the scheduler. */
  public Future<Void> start() {
    return databases.existing()
        .compose(domains -> Future.all(domains.stream().map(store::all).toList()))
        .onSuccess(all -> all.<List<PipelineStore.Stored>>list().forEach(list -> list.forEach(this::remember)))
        .onSuccess(loaded -> vertx.setPeriodic(1_000, t -> tick(ZonedDateTime.now(ZoneOffset.UTC))))
        .mapEmpty();
  }

  public Future<PipelineStore.Stored> put(Caller caller, String productId, PipelineSpec spec) {
    return ports.domain(productId).compose(domain -> {
      IngestService.requireIngester(caller, domain);
      List<Future<PortContract>> portChecks = spec.sources().stream().map(s -> ports.port(productId, s.port())
          .recover(err -> Future.failedFuture(err instanceof NotFoundException
              ? new InvalidException("The pipeline is invalid", List.of(new Violation("/sources/" + spec.sources().indexOf(s) + "/port",
                  "product '" + productId + "' has no output port '" + s.port() + "' with a contract")))
              : err))).toList();
      return Future.all(portChecks)
          .compose(v -> checkPaths(spec))
          .compose(v -> store.find(domain, productId))
          .compose(previous -> {
            Map<String, String> sealed = new HashMap<>();
            List<Violation> violations = new ArrayList<>();
            for (int i = 0; i < spec.sources().size(); i++) {
              PipelineSpec.Source s = spec.sources().get(i);
              if (s.credentials() == null) {
                continue;
              }
              String boundTo = productId + "/" + s.name();
              if (s.credentials().keep()) {
                String kept = previous.map(p -> p.sealed().get(s.name())).orElse(null);
                if (kept == null) {
                  violations.add(new Violation("/sources/" + i + "/credentials", "no credentials are stored for this source yet"));
                } else {
                  sealed.put(s.name(), kept);
                }
              } else {
                sealed.put(s.name(), cipher.get().seal(s.credentials().toJson().encode(), boundTo));
              }
            }
            if (!violations.isEmpty()) {
              throw new InvalidException("The pipeline is invalid", violations);
            }
            return store.put(new PipelineStore.Stored(domain, productId, spec, sealed, Instant.now().truncatedTo(ChronoUnit.MILLIS), caller.username()));
          })
          .onSuccess(this::remember);
    });
  }

  public Future<PipelineStore.Stored> get(Caller caller, String productId) {
    return ports.domain(productId).compose(domain -> {
      if (!caller.hasRole(Caller.MESH_ADMIN)) {
        IngestService.requireIngester(caller, domain);
      }
      return store.find(domain, productId);
    }).map(found -> found.orElseThrow(() -> new NotFoundException("Product '" + productId + "' has no pipeline")));
  }

  /**
   * Detaches the product's pipeline: its spec and sealed credentials are deleted and its schedule
   * stops (a run already going finishes). Batches it ingested stay.
   */
  public Future<Void> detach(Caller caller, String productId) {
    // the delete says whether there was a pipeline; its result arrives on this request's context (DomainDatabases.write)
    return ports.domain(productId).compose(domain -> {
      IngestService.requireIngester(caller, domain);
      scheduled.remove(productId);
      return store.delete(domain, productId);
    }).map(deleted -> {
      if (!deleted) {
        throw new NotFoundException("Product '" + productId + "' has no pipeline");
      }
      return null;
    });
  }

  /** The latest runs the product's pipeline started since this node started, newest first. */
  public Future<List<Run>> runs(Caller caller, String productId) {
    return get(caller, productId).map(found -> List.copyOf(history.getOrDefault(productId, new ArrayDeque<>())));
  }

  /** Starts a run of one source now; completes with the run as soon as it started (it goes on in the background). */
  public Future<Run> runNow(Caller caller, String productId, String sourceName) {
    return ports.domain(productId).compose(domain -> {
      IngestService.requireIngester(caller, domain);
      return store.find(domain, productId);
    }).compose(found -> {
      PipelineStore.Stored pipeline = found.orElseThrow(() -> new NotFoundException("Product '" + productId + "' has no pipeline"));
      PipelineSpec.Source source = pipeline.spec().source(sourceName);
      if (source == null) {
        throw new InvalidException("Unknown source", List.of(new Violation("/source", "the pipeline has no source '" + sourceName + "'")));
      }
      if (ingest.runs().running(productId, source.location())) {
        throw new ConflictException("Source '" + sourceName + "' of '" + productId + "' is already running");
      }
      return start(pipeline, source, "on-demand");
    });
  }

  private Future<Run> start(PipelineStore.Stored pipeline, PipelineSpec.Source source, String trigger) {
    return ports.port(pipeline.product(), source.port()).map(target -> {
      Run run = ingest.begin(target, source.location(), trigger);
      keep(pipeline.product(), run);
      fetch(pipeline, source)
          .recover(err -> {
            ingest.fail(target, run, err instanceof UnprocessableException || err instanceof InvalidException ? err.getMessage() : "the source could not be read");
            if (!(err instanceof UnprocessableException)) {
              LOG.warn("pull of {}/{} failed: {}", pipeline.product(), source.name(), err.toString());
            }
            return Future.failedFuture(err);
          })
          .compose(file -> ingest.ingest(target, run, new IngestJob(file, source.format(), source.location(), null), source.url() != null))
          .onFailure(err -> LOG.debug("run {} failed: {}", run.id(), err.toString()));
      return run;
    });
  }

  /** The file to ingest: a download into the spool, or the file itself when it lies under a file root. */
  private Future<Path> fetch(PipelineStore.Stored pipeline, PipelineSpec.Source source) {
    if (source.path() != null) {
      return vertx.executeBlocking(() -> allowedFile(source.path()), false);
    }
    String sealed = pipeline.sealed().get(source.name());
    return vertx.executeBlocking(() -> {
      HttpRequest.Builder request = HttpRequest.newBuilder(source.url()).GET();
      if (sealed != null) {
        var credentials = PipelineSpec.Credentials.fromJson(new io.vertx.core.json.JsonObject(
            cipher.get().open(sealed, pipeline.product() + "/" + source.name())));
        request.header("Authorization", credentials.authorization());
      }
      Files.createDirectories(spool);
      Path file = spool.resolve("pull-" + UUID.randomUUID());
      HttpResponse<Path> response;
      try {
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofFile(file));
      } catch (IOException e) {
        Files.deleteIfExists(file);
        throw new UnprocessableException("The source " + source.location() + " could not be reached: " + e.getClass().getSimpleName());
      }
      if (response.statusCode() / 100 != 2) {
        Files.deleteIfExists(file);
        throw new UnprocessableException("The source " + source.location() + " answered HTTP " + response.statusCode());
      }
      return file;
    }, false);
  }

  private Future<Void> checkPaths(PipelineSpec spec) {
    return vertx.executeBlocking(() -> {
      List<Violation> violations = new ArrayList<>();
      for (int i = 0; i < spec.sources().size(); i++) {
        Path path = spec.sources().get(i).path();
        if (path != null && !underRoot(path)) {
          violations.add(new Violation("/sources/" + i + "/path", "must lie under one of the node's file roots (dataplane.file.roots)"));
        }
      }
      if (!violations.isEmpty()) {
        throw new InvalidException("The pipeline is invalid", violations);
      }
      return null;
    }, false);
  }

  private Path allowedFile(Path path) throws IOException {
    if (!Files.isRegularFile(path)) {
      throw new UnprocessableException("The source file " + path + " does not exist");
    }
    if (!underRoot(path)) {
      throw new UnprocessableException("The source file " + path + " is not under the node's file roots");
    }
    return path.toRealPath();
  }

  /** Symbolic links are resolved first, so a link inside a root cannot point outside it. */
  private boolean underRoot(Path path) {
    Path real;
    try {
      real = Files.exists(path) ? path.toRealPath() : path.toAbsolutePath().normalize();
    } catch (IOException e) {
      return false;
    }
    for (Path root : settings.fileRoots()) {
      try {
        Path r = Files.exists(root) ? root.toRealPath() : root.toAbsolutePath().normalize();
        if (real.startsWith(r)) {
          return true;
        }
      } catch (IOException ignored) {
        // an unreadable root allows nothing
      }
    }
    return false;
  }

  private void remember(PipelineStore.Stored pipeline) {
    if (pipeline.spec().sources().stream().anyMatch(s -> s.schedule() != null)) {
      scheduled.put(pipeline.product(), pipeline);
    } else {
      scheduled.remove(pipeline.product());
    }
  }

  private void keep(String product, Run run) {
    Deque<Run> runs = history.computeIfAbsent(product, p -> new ConcurrentLinkedDeque<>());
    runs.addFirst(run);
    while (runs.size() > HISTORY) {
      runs.pollLast();
    }
  }

  /**
   * Every second (UTC): starts each scheduled source whose cron matched a second since the last tick
   * and that is not already running. A late timer (a busy event loop, a long GC) still fires the
   * seconds it skipped, but at most {@link #CATCH_UP} of them: a node that was suspended does not
   * replay a backlog.
   */
  void tick(ZonedDateTime now) {
    ZonedDateTime second = now.truncatedTo(ChronoUnit.SECONDS);
    ZonedDateTime from = lastTick == null ? second : lastTick.plusSeconds(1);
    if (from.isBefore(second.minus(CATCH_UP))) {
      from = second.minus(CATCH_UP);
    }
    if (lastTick == null || second.isAfter(lastTick)) {
      lastTick = second;
    }
    for (PipelineStore.Stored pipeline : scheduled.values()) {
      for (PipelineSpec.Source source : pipeline.spec().sources()) {
        if (source.schedule() != null && source.schedule().firesBetween(from, second)
            && !ingest.runs().running(pipeline.product(), source.location())) {
          start(pipeline, source, "schedule")
              .onSuccess(run -> LOG.debug("scheduled run {} of {}/{} started", run.id(), pipeline.product(), source.name()))
              .onFailure(err -> LOG.warn("scheduled run of {}/{} could not start: {}", pipeline.product(), source.name(), err.toString()));
        }
      }
    }
  }
}
