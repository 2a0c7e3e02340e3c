package io.meshwork.dataplane.export;

import io.meshwork.dataplane.query.AsOf;
import io.meshwork.dataplane.query.ReadAccess;
import io.meshwork.runtime.auth.Caller;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /api/v1/products/{id}/ports/{port}/snapshot.parquet}: the governed snapshot as a Parquet file. */
public final class ExportRoutes {

  public static final String PARQUET = "application/vnd.apache.parquet";
  private static final Logger LOG = LoggerFactory.getLogger(ExportRoutes.class);

  private final SnapshotExport exports;

  public ExportRoutes(SnapshotExport exports) {
    this.exports = exports;
  }

  public void mount(Router router) {
    router.get("/api/v1/products/:id/ports/:port/snapshot.parquet").handler(this::download);
  }

  private void download(RoutingContext ctx) {
    long started = System.nanoTime();
    AsOf asOf = AsOf.parse(ctx.queryParams().get("asOf"), "/asOf");
    String purpose = ReadAccess.purpose(ctx.queryParams().get("purpose"), "/purpose");
    exports.write(Caller.of(ctx), ctx.pathParam("id"), ctx.pathParam("port"), asOf, purpose)
        .onFailure(ctx::fail)
        .onSuccess(export -> ctx.response()
            .putHeader("Content-Type", PARQUET)
            .putHeader("Content-Disposition", "attachment; filename=\"" + export.fileName() + "\"")
            .putHeader("Cache-Control", "no-store")
            .sendFile(export.file().toString())
            .onComplete(sent -> {
              ctx.vertx().fileSystem().delete(export.file().toString())
                  .onFailure(err -> LOG.warn("could not delete export {}: {}", export.file(), err.toString()));
              if (sent.succeeded()) {
                exports.audit().served(export.port(), "parquet", export.rows(), (System.nanoTime() - started) / 1_000_000, export.seq(), false);
              }
            }));
  }
}
