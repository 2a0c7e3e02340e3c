package io.meshwork.dataplane.export;

import static io.meshwork.dataplane.storage.PortTable.literal;

import io.meshwork.dataplane.query.AsOf;
import io.meshwork.dataplane.query.GovernedPort;
import io.meshwork.dataplane.query.GovernedSelect;
import io.meshwork.dataplane.query.ReadAccess;
import io.meshwork.dataplane.query.Snapshot;
import io.meshwork.dataplane.storage.DomainDatabases;
import io.meshwork.runtime.auth.Caller;
import io.vertx.core.Future;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

/**
 * A port's governed snapshot as one Parquet file: DuckDB writes the governed relation (granted
 * columns, masks, row filter, committed batches up to asOf) to a temporary file, the caller
 * streams it and deletes it. The file never holds anything the consumer may not read.
 */
public final class SnapshotExport {

  /** A written export: the file to stream (and delete), its name for the consumer, the rows it holds. */
  public record Export(GovernedPort port, Path file, String fileName, long rows, long seq) {}

  private final DomainDatabases domains;
  private final ReadAccess access;
  private final Path directory;

  public SnapshotExport(DomainDatabases domains, ReadAccess access, Path directory) {
    this.domains = domains;
    this.access = access;
    this.directory = directory;
  }

  public Future<Export> write(Caller caller, String productId, String port, AsOf asOf, String purpose) {
    return access.open(caller, productId, port, purpose, "parquet")
        .compose(governed -> domains.read(governed.name().domain(), c -> {
          Snapshot snapshot = Snapshot.resolve(c, governed.schema().table(), asOf);
          Files.createDirectories(directory);
          Path file = directory.resolve("export-" + UUID.randomUUID() + ".parquet");
          String copy = "COPY (" + GovernedSelect.sql(governed.schema(), governed.decision(), snapshot) + ") TO "
              + literal(file.toAbsolutePath().toString()) + " (FORMAT parquet, COMPRESSION zstd)";
          long rows;
          try (Statement s = c.createStatement()) {
            s.executeUpdate(copy);
            try (ResultSet rs = s.executeQuery("SELECT num_rows FROM parquet_file_metadata(" + literal(file.toAbsolutePath().toString()) + ")")) {
              rows = rs.next() ? rs.getLong(1) : -1;
            }
          } catch (Exception e) {
            Files.deleteIfExists(file);
            throw e;
          }
          String name = productId + "." + port + "." + snapshot.seq() + ".parquet";
          return new Export(governed, file, name.replaceAll("[^A-Za-z0-9._-]", "_"), rows, snapshot.seq());
        }));
  }

  public io.meshwork.dataplane.query.ReadAudit audit() {
    return access.audit();
  }

  /** Removes files a crash left behind; on a worker thread. */
  public void clean() throws java.io.IOException {
    if (Files.isDirectory(directory)) {
      try (var files = Files.list(directory)) {
        files.filter(f -> f.getFileName().toString().startsWith("export-")).forEach(f -> f.toFile().delete());
      }
    }
  }
}
