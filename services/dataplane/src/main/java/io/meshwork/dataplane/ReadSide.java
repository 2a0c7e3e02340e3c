package io.meshwork.dataplane;

import io.meshwork.access.pdp.PolicyDecisionPoint;
import io.meshwork.dataplane.cache.ResultCache;
import io.meshwork.dataplane.export.ExportRoutes;
import io.meshwork.dataplane.export.SnapshotExport;
import io.meshwork.dataplane.query.QueryRoutes;
import io.meshwork.dataplane.query.QueryService;
import io.meshwork.dataplane.query.QuerySettings;
import io.meshwork.dataplane.query.ReadAccess;
import io.meshwork.dataplane.query.ReadAudit;
import io.meshwork.quality.sql.SqlParser;
import io.meshwork.dataplane.rows.RowsRoutes;
import io.meshwork.dataplane.rows.RowsService;
import io.meshwork.dataplane.storage.DomainDatabases;
import io.meshwork.runtime.events.EventLog;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.nio.file.Path;

/**
 * The governed output ports of the data plane, built top to bottom: the node's decision point and
 * the read audit → the read gate → SQL, rows and Parquet → routes. Every read goes through
 * {@link ReadAccess}; there is no other way to the stored rows from here.
 */
public final class ReadSide {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReadSide.class);
  private final SqlParser parser = new SqlParser();
  private final QueryRoutes queryRoutes;
  private final RowsRoutes rowsRoutes;
  private final ExportRoutes exportRoutes;

  public ReadSide(Vertx vertx, DomainDatabases databases, PortContracts ports, PolicyDecisionPoint pdp, EventLog events,
      QuerySettings settings, Path exportDirectory) {
    ReadAccess access = new ReadAccess(ports, pdp, new ReadAudit(events), databases.spans());
    ResultCache cache = new ResultCache(settings.cacheBytes(), settings.cacheEntryBytes(), settings.cacheTtl());
    cache.listen(vertx.eventBus());
    queryRoutes = new QueryRoutes(new QueryService(vertx, parser, databases, access, cache, settings), settings);
    rowsRoutes = new RowsRoutes(new RowsService(databases, access, settings.timeout()), settings);
    SnapshotExport exports = new SnapshotExport(databases, access, exportDirectory);
    exportRoutes = new ExportRoutes(exports);
    // a crash between writing an export and sending it leaves the file behind
    vertx.executeBlocking(() -> {
      exports.clean();
      return null;
    }, false).onFailure(err -> LOG.warn("could not clear old exports in {}: {}", exportDirectory, err.toString()));
  }

  public void mount(Router router) {
    queryRoutes.mount(router);
    rowsRoutes.mount(router);
    exportRoutes.mount(router);
  }

  public void close() {
    parser.close();
  }
}
