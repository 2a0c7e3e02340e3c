package io.meshwork.dataplane.ingest;

import io.meshwork.dataplane.PortContract;
import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import io.meshwork.runtime.auth.Caller;
import io.meshwork.runtime.problem.ProblemHandler;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /api/v1/products/{id}/ports/{port}/batches}: a batch pushed in the request body,
 * streamed to a spool file on disk as it arrives (never held in memory, so a many-GB upload needs
 * no more heap than a small one), then ingested from that file. Mounted before the node's
 * {@code /api/*} body handler, which would buffer it; the request is paused until the caller is
 * known to be allowed, so a refused upload is not read at all.
 */
public final class UploadRoutes {

  public static final String PATH = "/api/v1/products/:id/ports/:port/batches";

  private final Vertx vertx;
  private final IngestService ingest;
  private final Path spool;
  private final long maxBytes;

  public UploadRoutes(Vertx vertx, IngestService ingest, Path spool, long maxBytes) {
    this.vertx = vertx;
    this.ingest = ingest;
    this.spool = spool;
    this.maxBytes = maxBytes;
  }

  /** @param auth the node's bearer-token handler: this route sits before the one that would run it */
  public void mount(Router router, Handler<RoutingContext> auth) {
    router.post(PATH)
        .handler(ctx -> {
          ctx.request().pause();
          ctx.next();
        })
        .handler(auth)
        .handler(this::upload);
  }

  private void upload(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String formatParam = request.getParam("format");
    var format = SourceFormat.of(formatParam, request.getHeader("Content-Type"));
    if (format.isEmpty()) {
      request.resume();
      if (formatParam != null) {
        ctx.fail(new InvalidException("Unknown format", List.of(new Violation("/format", "must be one of csv, ndjson, json, parquet"))));
      } else {
        ProblemHandler.send(ctx, ProblemHandler.problem(415, "Unsupported media type",
            "Send text/csv, application/x-ndjson, application/json (an array of objects) or application/vnd.apache.parquet, or name the format with ?format=", ctx));
      }
      return;
    }
    String length = request.getHeader("Content-Length");
    if (length != null && parseLong(length) > maxBytes) {
      tooLarge(ctx);
      return;
    }
    String key = idempotencyKey(request.getHeader("Idempotency-Key"));
    ingest.target(Caller.of(ctx), ctx.pathParam("id"), ctx.pathParam("port"))
        .compose(target -> {
          Run run = ingest.begin(target, "upload", "push");
          return receive(request, run).onFailure(err -> run.fail(err instanceof TooLarge ? "the upload exceeded the size limit" : "the upload was interrupted"))
              .compose(file -> ingest.ingest(target, run, new IngestJob(file, format.get(), "upload", key), true)
              .map(written -> respond(ctx, target, run, written)));
        })
        .onFailure(err -> {
          if (err instanceof TooLarge) {
            tooLarge(ctx);
          } else {
            ctx.fail(err);
          }
        });
  }

  private Void respond(RoutingContext ctx, PortContract target, Run run, Ingested written) {
    ctx.response()
        .setStatusCode(written.replayed() ? 200 : 201)
        .putHeader("Location", "/api/v1/products/" + target.productId() + "/ports/" + target.port() + "/batches/" + written.batch().id())
        .putHeader("Idempotent-Replayed", Boolean.toString(written.replayed()))
        .putHeader("Content-Type", "application/json");
    ctx.response().end(written.batch().toJson().put("runId", written.replayed() ? written.batch().runId() : run.id()).encode());
    return null;
  }

  /** Streams the body to a spool file, counting bytes and records for the run's progress; fails past the limit. */
  private Future<Path> receive(HttpServerRequest request, Run run) {
    Path file = spool.resolve("upload-" + UUID.randomUUID());
    return vertx.fileSystem().mkdirs(spool.toString())
        .compose(v -> vertx.fileSystem().open(file.toString(), new OpenOptions().setCreateNew(true).setWrite(true)))
        .compose(out -> {
          Promise<Path> done = Promise.promise();
          long[] counted = new long[2];
          request.handler(chunk -> {
            counted[0] += chunk.length();
            counted[1] += newlines(chunk);
            run.received(counted[0], counted[1]);
            if (counted[0] > maxBytes) {
              request.handler(null);
              request.endHandler(null);
              out.close().andThen(closed -> vertx.fileSystem().delete(file.toString()));
              done.tryFail(new TooLarge());
              return;
            }
            out.write(chunk);
            if (out.writeQueueFull()) {
              request.pause();
              out.drainHandler(drained -> request.resume());
            }
          });
          request.exceptionHandler(err -> {
            out.close().andThen(closed -> vertx.fileSystem().delete(file.toString()));
            done.tryFail(err);
          });
          request.endHandler(end -> out.close().onComplete(closed -> {
            if (closed.succeeded()) {
              done.tryComplete(file);
            } else {
              done.tryFail(closed.cause());
            }
          }));
          request.resume();
          return done.future();
        });
  }

  private void tooLarge(RoutingContext ctx) {
    var problem = ProblemHandler.problem(413, "Payload too large",
        "A batch upload may be at most " + maxBytes + " bytes (dataplane.upload.max.bytes)", ctx);
    // the rest of the body is not read: close the connection once the answer is out
    ctx.response().setStatusCode(413).putHeader("Content-Type", ProblemHandler.MEDIA_TYPE).putHeader("Connection", "close")
        .end(problem.encode()).onComplete(sent -> ctx.request().connection().close());
  }

  private static long newlines(Buffer chunk) {
    long n = 0;
    for (int i = 0; i < chunk.length(); i++) {
      if (chunk.getByte(i) == '\n') {
        n++;
      }
    }
    return n;
  }

  private static long parseLong(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String idempotencyKey(String header) {
    if (header == null) {
      return null;
    }
    String key = header.trim();
    if (key.isEmpty() || key.length() > 255) {
      throw new InvalidException("Invalid Idempotency-Key", List.of(new Violation("/headers/Idempotency-Key", "must be 1 to 255 characters")));
    }
    return key;
  }

  /** The body passed the size limit while streaming. */
  private static final class TooLarge extends RuntimeException {
    TooLarge() {
      super("too large", null, false, false);
    }
  }
}
