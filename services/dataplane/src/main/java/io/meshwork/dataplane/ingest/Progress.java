package io.meshwork.dataplane.ingest;

import static io.meshwork.dataplane.storage.PortTable.literal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import org.duckdb.DuckDBPreparedStatement;

/**
 * Live progress of a load while DuckDB runs it: DuckDB reports how far a query is (a percentage of
 * its input), not how many records it has parsed, so the records so far are that share of the
 * records the file is expected to hold — counted exactly from Parquet's metadata, estimated for
 * text formats from the line length of the file's first megabytes. Read every 200 ms from a daemon
 * thread; the final count replaces the estimate once the load is done.
 */
final class Progress implements AutoCloseable {

  private static final int SAMPLE = 4 << 20;
  private static final long EVERY_MS = 200;

  private final Thread thread;

  private Progress(Thread thread) {
    this.thread = thread;
  }

  /** How many records the file holds, about (0: unknown). */
  static long expectedRecords(Connection c, Path file, SourceFormat format) {
    try {
      if (format == SourceFormat.PARQUET) {
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT sum(num_rows) FROM parquet_file_metadata(" + literal(file.toAbsolutePath().toString()) + ")")) {
          return rs.next() ? rs.getLong(1) : 0;
        }
      }
      long size = Files.size(file);
      byte[] sample = new byte[(int) Math.min(size, SAMPLE)];
      int read;
      try (InputStream in = Files.newInputStream(file)) {
        read = in.readNBytes(sample, 0, sample.length);
      }
      long lines = 0;
      for (int i = 0; i < read; i++) {
        if (sample[i] == '\n') {
          lines++;
        }
      }
      if (read == size) {
        lines += read > 0 && sample[read - 1] != '\n' ? 1 : 0;
      } else {
        lines = lines == 0 ? 0 : Math.round((double) lines * size / read);
      }
      // a CSV's header line is no record
      return Math.max(0, format == SourceFormat.CSV ? lines - 1 : lines);
    } catch (IOException | SQLException | RuntimeException unknown) {
      return 0;
    }
  }

  static Progress watch(DuckDBPreparedStatement statement, long expected, Consumer<Long> progress) {
    Thread t = new Thread(() -> {
      try {
        while (!Thread.currentThread().isInterrupted()) {
          Thread.sleep(EVERY_MS);
          try {
            double percent = statement.getQueryProgress().getPercentage();
            if (percent > 0) {
              // never claim the whole file before the load is done
              progress.accept(Math.min(expected - 1, Math.round(expected * Math.min(percent, 100) / 100)));
            }
          } catch (SQLException | RuntimeException ignored) {
            // no query running at this instant
          }
        }
      } catch (InterruptedException done) {
        Thread.currentThread().interrupt();
      }
    }, "meshwork-ingest-progress");
    t.setDaemon(true);
    t.start();
    return new Progress(t);
  }

  @Override
  public void close() {
    thread.interrupt();
    try {
      // the last estimate must not land after the real count
      thread.join(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
