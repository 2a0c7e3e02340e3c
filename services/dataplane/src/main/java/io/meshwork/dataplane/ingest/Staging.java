package io.meshwork.dataplane.ingest;

import static io.meshwork.dataplane.storage.PortTable.literal;
import static io.meshwork.dataplane.storage.PortTable.quote;

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
 * Loads a source file into a temp table of the batch's connection, <b>typed once</b>: DuckDB's own
 * readers parse every value straight to the column type the contract gives (in parallel, from disk),
 * so nothing is parsed as text and cast again later. What cannot be parsed — a malformed CSV line
 * (unterminated quote, wrong column count), a value that is not of its column's type, a line of
 * NDJSON that is not a JSON object — does not fail the batch: it lands in a second temp table, the
 * rejects, one row per record with its line number, raw text (or raw values) and reason, for the
 * quarantine. Only a file that cannot be read at all (no CSV header, a JSON array broken at the top
 * level, no line of JSON, Parquet that is not Parquet) is refused.
 *
 * <p>CSV is read as RFC 4180 (double quotes, a header line; the comma, or the semicolon, tab or bar
 * when the header is split by one) with DuckDB's rejects table. NDJSON
 * and JSON arrays are read typed by {@code read_json}; a file where that fails (one bad line or
 * value fails the whole read) is read again record by record as text and converted with TRY_CAST,
 * so the bad records are told apart. A temp table lives only in its connection: a crash leaves
 * nothing of it behind.
 */
final class Staging {

  /** Raw text kept per rejected record, at most (an unterminated quote may swallow the rest of a file). */
  static final int MAX_RAW = 65_536;
  private static final int MAX_LINE = 16 * 1024 * 1024;

  /**
   * A staged batch: {@code table} holds the parsed records, in file order, one column per contract
   * column (typed; JSON columns as text); {@code rejects} the records that could not be parsed:
   * {@code _line, _before} (parsed records before it), {@code _raw, _reason} and every contract
   * column as text (NULL where the raw values are unknown).
   */
  record Staged(String table, String rejects, boolean linesStored, int headerLines, long parsed, long rejected) {

    /** SQL for the line in the file of the staged row aliased {@code alias}. */
    String lineOf(String alias) {
      if (linesStored) {
        return alias + "._line";
      }
      String k = "(" + alias + ".rowid + 1)";
      return rejected == 0 ? "(" + k + " + " + headerLines + ")"
          : "(" + k + " + " + headerLines + " + (SELECT count(*) FROM " + rejects + " r WHERE r._before < " + k + "))";
    }
  }

  private Staging() {}

  static Staged load(Connection c, String staging, String rejects, Path file, SourceFormat format, List<PortColumn> columns,
      Consumer<Long> progress) throws SQLException {
    long expected = Progress.expectedRecords(c, file, format);
    try (Statement s = c.createStatement()) {
      // DuckDB tracks a query's progress only with its progress bar on (never printed here)
      s.execute("SET enable_progress_bar = true");
      s.execute("SET enable_progress_bar_print = false");
    }
    String path = literal(file.toAbsolutePath().toString());
    try {
      return switch (format) {
        case CSV -> csv(c, staging, rejects, file, path, columns, expected, progress);
        case NDJSON, JSON -> json(c, staging, rejects, path, format, columns, expected, progress);
        case PARQUET -> parquet(c, staging, rejects, path, columns, expected, progress);
      };
    } catch (SQLException e) {
      throw new UnprocessableException("The " + format.wireName() + " data could not be read: " + cleaned(e, file));
    }
  }

  /** The staged type of a column: JSON stays text until validated. */
  private static String stagedType(PortColumn col) {
    return col.sqlType().equals("JSON") ? "VARCHAR" : col.sqlType();
  }

  private static Staged csv(Connection c, String staging, String rejects, Path file, String path, List<PortColumn> columns,
      long expected, Consumer<Long> progress) throws SQLException {
    CsvHeader found = CsvHeader.read(file, columns.stream().map(col -> col.name().toLowerCase(Locale.ROOT)).collect(Collectors.toSet()));
    List<String> header = found.names();
    if (header.isEmpty()) {
      throw new UnprocessableException("The csv data has no header line naming its columns");
    }
    Map<String, String> matched = match(header, columns);
    Map<String, PortColumn> byHeader = new HashMap<>();
    columns.forEach(col -> {
      if (matched.containsKey(col.name())) {
        byHeader.put(matched.get(col.name()), col);
      }
    });
    String types = "{" + header.stream().map(h -> literal(h) + ": " + literal(byHeader.containsKey(h) ? stagedType(byHeader.get(h)) : "VARCHAR"))
        .collect(Collectors.joining(", ")) + "}";
    String select = columns.stream().map(col -> matched.containsKey(col.name())
        ? quote(matched.get(col.name())) + " AS " + col.quoted()
        : "CAST(NULL AS " + stagedType(col) + ") AS " + col.quoted()).collect(Collectors.joining(", "));
    String errors = rejects + "_errors";
    String scans = rejects + "_scans";
    run(c, "CREATE TEMP TABLE " + staging + " AS SELECT " + select + " FROM read_csv(" + path + ", header = true, auto_detect = false, "
        + "delim = " + literal(String.valueOf(found.delimiter())) + ", quote = '\"', escape = '\"', columns = " + types + ", max_line_size = " + MAX_LINE
        + ", store_rejects = true, rejects_table = " + literal(errors) + ", rejects_scan = " + literal(scans) + ")", expected, progress);
    // one rejected record per line: its reasons (a cast error per bad value, or what is malformed), its raw text
    String castReason = "CASE column_name " + byHeader.entrySet().stream()
        .map(e -> "WHEN " + literal(e.getKey()) + " THEN " + literal(e.getValue().name() + ": not a valid " + e.getValue().sqlType()))
        .collect(Collectors.joining(" ")) + " ELSE column_name || ': not a valid value' END";
    String malformed = "'line ' || line || ': malformed CSV: ' || CASE error_type"
        + " WHEN 'MISSING COLUMNS' THEN 'fewer columns than the header'"
        + " WHEN 'TOO MANY COLUMNS' THEN 'more columns than the header'"
        + " WHEN 'UNQUOTED VALUE' THEN 'unterminated or stray quote'"
        + " WHEN 'LINE SIZE OVER MAXIMUM' THEN 'line longer than " + MAX_LINE + " bytes'"
        + " WHEN 'INVALID UNICODE' THEN 'not valid UTF-8'"
        + " ELSE lower(CAST(error_type AS VARCHAR)) END";
    String nulls = columns.stream().map(col -> "CAST(NULL AS VARCHAR) AS " + col.quoted()).collect(Collectors.joining(", "));
    run(c, "CREATE TEMP TABLE " + rejects + " AS SELECT _line, _line - 1 - row_number() OVER (ORDER BY _line) AS _before, _raw, _reason, " + nulls
        + " FROM (SELECT line AS _line, left(rtrim(any_value(csv_line), chr(13) || chr(10)), " + MAX_RAW + ") AS _raw,"
        + " string_agg(DISTINCT _reason, '; ' ORDER BY _reason) AS _reason FROM (SELECT line, csv_line, CASE WHEN error_type = 'CAST' THEN "
        + castReason + " ELSE " + malformed + " END AS _reason FROM " + errors + ") GROUP BY line)", -1, null);
    drop(c, errors);
    drop(c, scans);
    return new Staged(staging, rejects, false, 1, count(c, staging), count(c, rejects));
  }

  private static Staged json(Connection c, String staging, String rejects, String path, SourceFormat format, List<PortColumn> columns,
      long expected, Consumer<Long> progress) throws SQLException {
    String layout = format == SourceFormat.NDJSON ? "newline_delimited" : "array";
    String typed = "{" + columns.stream().map(col -> literal(col.name()) + ": " + literal(stagedType(col))).collect(Collectors.joining(", ")) + "}";
    String names = columns.stream().map(PortColumn::quoted).collect(Collectors.joining(", "));
    try {
      run(c, "CREATE TEMP TABLE " + staging + " AS SELECT " + names + " FROM read_json(" + path + ", format = '" + layout + "', columns = "
          + typed + ")", expected, progress);
      createRejects(c, rejects, columns);
      return new Staged(staging, rejects, false, 0, count(c, staging), 0);
    } catch (SQLException someRecordIsBad) {
      drop(c, staging);
    }
    // one record or value is bad: read again as text, record by record, to tell which
    String text = rejects + "_text";
    try {
      if (format == SourceFormat.NDJSON) {
        String lines = rejects + "_lines";
        // every line as one text value: \u0001 never occurs unescaped in JSON, quotes are not special
        run(c, "CREATE TEMP TABLE " + lines + " AS SELECT line FROM read_csv(" + path + ", header = false, auto_detect = false, "
            + "delim = '\u0001', quote = '', escape = '', strict_mode = false, null_padding = true, columns = {'line': 'VARCHAR'}, "
            + "max_line_size = " + MAX_LINE + ")", expected, progress);
        String object = "CASE WHEN json_valid(line) THEN json_type(line) = 'OBJECT' ELSE false END";
        String values = columns.stream().map(col -> "CASE WHEN _ok THEN json_extract_string(line, " + literal("/" + pointer(col.name())) + ") END AS "
            + col.quoted()).collect(Collectors.joining(", "));
        run(c, "CREATE TEMP TABLE " + text + " AS SELECT _line, line AS _raw, _ok, " + values + " FROM (SELECT rowid + 1 AS _line, line, "
            + object + " AS _ok FROM " + lines + ") WHERE line IS NOT NULL AND trim(line) <> ''", -1, null);
        drop(c, lines);
        if (count(c, text) > 0 && count(c, "(SELECT 1 FROM " + text + " WHERE _ok)") == 0) {
          throw new UnprocessableException("The ndjson data could not be read: no line is a JSON object");
        }
      } else {
        String raw = "{" + columns.stream().map(col -> literal(col.name()) + ": 'VARCHAR'").collect(Collectors.joining(", ")) + "}";
        run(c, "CREATE TEMP TABLE " + text + " AS SELECT row_number() OVER () AS _line, CAST(NULL AS VARCHAR) AS _raw, true AS _ok, " + names
            + " FROM read_json(" + path + ", format = 'array', columns = " + raw + ")", expected, progress);
      }
      return convert(c, staging, rejects, text, columns, format == SourceFormat.NDJSON ? "line" : "record");
    } finally {
      drop(c, text);
    }
  }

  private static Staged parquet(Connection c, String staging, String rejects, String path, List<PortColumn> columns, long expected,
      Consumer<Long> progress) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM read_parquet(" + path + ")")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    Map<String, String> matched = match(names, columns);
    String values = columns.stream().map(col -> (matched.containsKey(col.name()) ? quote(matched.get(col.name())) : "CAST(NULL AS VARCHAR)")
        + " AS " + col.quoted()).collect(Collectors.joining(", "));
    String text = rejects + "_text";
    try {
      run(c, "CREATE TEMP TABLE " + text + " AS SELECT file_row_number + 1 AS _line, CAST(NULL AS VARCHAR) AS _raw, true AS _ok, " + values
          + " FROM read_parquet(" + path + ", file_row_number = true)", expected, progress);
      return convert(c, staging, rejects, text, columns, "row");
    } finally {
      drop(c, text);
    }
  }

  /**
   * From a table of raw records ({@code _line, _raw, _ok} and each contract column in any type) to
   * the typed staging table and the rejects: a record is rejected when it is not a record at all
   * ({@code _ok} false) or one of its values does not convert to its column's type.
   */
  private static Staged convert(Connection c, String staging, String rejects, String text, List<PortColumn> columns, String unit)
      throws SQLException {
    List<String> failed = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    for (PortColumn col : columns) {
      if (stagedType(col).equals("VARCHAR")) {
        continue;
      }
      String failure = col.quoted() + " IS NOT NULL AND TRY_CAST(" + col.quoted() + " AS " + col.sqlType() + ") IS NULL";
      failed.add(failure);
      reasons.add("CASE WHEN " + failure + " THEN " + literal(col.name() + ": not a valid " + col.sqlType()) + " END");
    }
    String bad = "(NOT _ok" + failed.stream().map(f -> " OR (" + f + ")").collect(Collectors.joining()) + ")";
    String typed = columns.stream().map(col -> (stagedType(col).equals("VARCHAR") ? "CAST(" + col.quoted() + " AS VARCHAR)"
        : "TRY_CAST(" + col.quoted() + " AS " + col.sqlType() + ")") + " AS " + col.quoted()).collect(Collectors.joining(", "));
    String reason = "CASE WHEN NOT _ok THEN '" + unit + " ' || _line || ': not a JSON object (malformed JSON)' ELSE concat_ws('; ', "
        + (reasons.isEmpty() ? "NULL" : String.join(", ", reasons)) + ") END";
    String rawValues = columns.stream().map(col -> "CAST(" + col.quoted() + " AS VARCHAR) AS " + col.quoted()).collect(Collectors.joining(", "));
    run(c, "CREATE TEMP TABLE " + staging + " AS SELECT _line, " + typed + " FROM " + text + " WHERE NOT " + bad + " ORDER BY _line", -1, null);
    run(c, "CREATE TEMP TABLE " + rejects + " AS SELECT _line, CAST(0 AS BIGINT) AS _before, left(_raw, " + MAX_RAW + ") AS _raw, " + reason
        + " AS _reason, " + rawValues + " FROM " + text + " WHERE " + bad, -1, null);
    return new Staged(staging, rejects, true, 0, count(c, staging), count(c, rejects));
  }

  private static void createRejects(Connection c, String rejects, List<PortColumn> columns) throws SQLException {
    run(c, "CREATE TEMP TABLE " + rejects + " (_line BIGINT, _before BIGINT, _raw VARCHAR, _reason VARCHAR, "
        + columns.stream().map(col -> col.quoted() + " VARCHAR").collect(Collectors.joining(", ")) + ")", -1, null);
  }

  /** A JSON pointer token: {@code ~} and {@code /} escaped. */
  private static String pointer(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  /** Runs one statement; while it runs, reports its progress as records so far (when {@code expected} is known). */
  private static void run(Connection c, String sql, long expected, Consumer<Long> progress) throws SQLException {
    try (Statement s = c.createStatement()) {
      if (progress == null || expected <= 0) {
        s.execute(sql);
        return;
      }
      var running = s.unwrap(DuckDBPreparedStatement.class);
      try (var poller = Progress.watch(running, expected, progress)) {
        s.execute(sql);
      }
    }
  }

  /** The rows of {@code table} (a table name or a parenthesised subquery). */
  static long count(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** For each contract column, the source column holding it: the same name, else the same name ignoring case and spaces. */
  private static Map<String, String> match(List<String> names, List<PortColumn> columns) {
    Map<String, String> exact = new HashMap<>();
    Map<String, String> loose = new HashMap<>();
    for (String name : names) {
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

  /** A fresh temp table name (plain: DuckDB's reader options take rejects table names as strings). */
  static String name(PortTable table, String role) {
    return "meshwork_" + role + "_" + Integer.toHexString(table.hashCode()) + "_" + System.nanoTime();
  }
}
