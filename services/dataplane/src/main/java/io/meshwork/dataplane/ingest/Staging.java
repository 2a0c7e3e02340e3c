package io.meshwork.dataplane.ingest;

import static io.meshwork.dataplane.validate.ContractChecks.literal;

import io.meshwork.dataplane.storage.PortColumn;
import io.meshwork.dataplane.storage.PortTable;
import io.meshwork.model.error.UnprocessableException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.duckdb.DuckDBPreparedStatement;

/**
 * Loads a source file into a temp table of the batch's connection, every value as text, so that
 * validation sees exactly what was sent (a bad value is reported, not lost to a failed cast).
 * DuckDB's own readers do the parsing, in parallel, straight from disk. A temp table lives only in
 * its connection: a crash leaves nothing of it behind.
 */
final class Staging {

  private Staging() {}

  /**
   * @return for each contract column, the staged column holding it (absent: not in the source)
   */
  static Map<String, String> load(Connection c, String table, Path file, SourceFormat format, List<PortColumn> columns,
      Consumer<Long> progress) throws SQLException {
    String path = literal(file.toAbsolutePath().toString());
    String jsonColumns = "{" + columns.stream().map(col -> literal(col.name()) + ": 'VARCHAR'").collect(Collectors.joining(", ")) + "}";
    String reader = switch (format) {
      case CSV -> "read_csv(" + path + ", header = true, all_varchar = true)";
      case NDJSON -> "read_json(" + path + ", format = 'newline_delimited', columns = " + jsonColumns + ")";
      case JSON -> "read_json(" + path + ", format = 'array', columns = " + jsonColumns + ")";
      case PARQUET -> "read_parquet(" + path + ")";
    };
    try (Statement s = c.createStatement()) {
      var running = (DuckDBPreparedStatement) s.unwrap(DuckDBPreparedStatement.class);
      try (var poller = Poller.watch(running, progress)) {
        s.execute("CREATE TEMP TABLE " + table + " AS SELECT * FROM " + reader);
      }
    } catch (SQLException e) {
      throw new UnprocessableException("The " + format.wireName() + " data could not be read: " + cleaned(e, file));
    }
    return match(c, table, columns);
  }

  private static Map<String, String> match(Connection c, String table, List<PortColumn> columns) throws SQLException {
    List<String> staged = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("DESCRIBE " + table)) {
      while (rs.next()) {
        staged.add(rs.getString(1));
      }
    }
    Map<String, String> exact = new HashMap<>();
    Map<String, String> loose = new HashMap<>();
    for (String name : staged) {
      exact.put(name, name);
      loose.putIfAbsent(name.trim().toLowerCase(Locale.ROOT), name);
    }
    Map<String, String> matched = new HashMap<>();
    for (PortColumn col : columns) {
      String found = exact.getOrDefault(col.name(), loose.get(col.name().toLowerCase(Locale.ROOT)));
      if (found != null) {
        matched.put(col.name(), found);
      }
    }
    if (matched.isEmpty() && !columns.isEmpty()) {
      throw new UnprocessableException("None of the contract's columns (" + columns.stream().map(PortColumn::name)
          .collect(Collectors.joining(", ")) + ") is in the data");
    }
    return matched;
  }

  /** DuckDB's message, first line, without the server-side path of the file. */
  static String cleaned(SQLException e, Path file) {
    String message = String.valueOf(e.getMessage());
    message = message.replace(file.toAbsolutePath().toString(), "the source");
    int newline = message.indexOf('\n');
    String first = newline < 0 ? message : message.substring(0, newline);
    // DuckDB adds the location of the problem on the next lines; keep that much, briefly
    String rest = newline < 0 ? "" : message.substring(newline + 1).lines().filter(l -> !l.isBlank()).limit(3)
        .collect(Collectors.joining(" "));
    String all = (first + " " + rest).trim();
    return all.length() > 600 ? all.substring(0, 600) + "…" : all;
  }

  static void drop(Connection c, String table) {
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + table);
    } catch (SQLException ignored) {
      // the connection closes next, taking its temp tables with it
    }
  }

  /** Reads the running statement's progress every half second, from a daemon thread. */
  static final class Poller implements AutoCloseable {
    private final Thread thread;

    private Poller(Thread thread) {
      this.thread = thread;
    }

    static Poller watch(DuckDBPreparedStatement statement, Consumer<Long> progress) {
      Thread t = new Thread(() -> {
        try {
          while (!Thread.currentThread().isInterrupted()) {
            Thread.sleep(500);
            try {
              long rows = statement.getQueryProgress().getRowsProcessed();
              if (rows > 0) {
                progress.accept(rows);
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
      return new Poller(t);
    }

    @Override
    public void close() {
      thread.interrupt();
    }
  }

  static String name(PortTable table) {
    return PortTable.quote("staging_" + Integer.toHexString(table.hashCode()) + "_" + System.nanoTime());
  }
}
