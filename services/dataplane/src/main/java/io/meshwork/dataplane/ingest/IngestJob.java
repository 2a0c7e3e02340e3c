package io.meshwork.dataplane.ingest;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A batch to ingest: the file it is on (an upload spooled to disk, or a pulled source), its format,
 * where it came from (shown in the register: "upload", a URL without credentials, a file path),
 * and the client's idempotency key (null when none).
 */
public record IngestJob(Path file, SourceFormat format, String source, String idempotencyKey) {

  public IngestJob {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(source, "source");
  }
}
