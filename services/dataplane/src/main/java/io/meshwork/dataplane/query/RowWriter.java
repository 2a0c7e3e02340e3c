package io.meshwork.dataplane.query;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Blob;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes the rows of a result set in a {@link ResultFormat}, in chunks of about
 * {@value #CHUNK_BYTES} bytes, so a result is never held whole in memory. At most {@code limit}
 * rows are written; one more is read to tell whether the result was cut.
 */
public final class RowWriter {

  static final int CHUNK_BYTES = 64 * 1024;

  /** What was written: rows, whether more rows existed, and the values of the last row (for paging). */
  public record Outcome(long rows, boolean truncated, JsonObject lastRow) {}

  /** What surrounds the rows of a JSON result. */
  public interface Envelope {
    String head(JsonArray columns);

    String tail(Outcome outcome);
  }

  /** The query result: {@code {"columns": [...], "rows": [...], "rowCount": n, "truncated": b}}. */
  public static final Envelope QUERY = new Envelope() {
    @Override
    public String head(JsonArray columns) {
      return "{\"columns\":" + columns.encode() + ",\"rows\":[";
    }

    @Override
    public String tail(Outcome outcome) {
      return "],\"rowCount\":" + outcome.rows() + ",\"truncated\":" + outcome.truncated() + "}";
    }
  };

  private final ChunkSink sink;
  private Buffer chunk = Buffer.buffer(CHUNK_BYTES + 1024);

  public RowWriter(ChunkSink sink) {
    this.sink = sink;
  }

  /** Writes at most {@code limit} rows; a JSON result is wrapped in {@code envelope}. */
  public Outcome write(ResultSet rs, ResultFormat format, long limit, Envelope envelope) throws SQLException {
    List<String> names = columnNames(rs.getMetaData());
    int count = names.size();
    if (format == ResultFormat.JSON) {
      JsonArray columns = new JsonArray();
      for (int i = 0; i < count; i++) {
        columns.add(new JsonObject().put("name", names.get(i)).put("type", rs.getMetaData().getColumnTypeName(i + 1)));
      }
      append(envelope.head(columns));
    } else if (format == ResultFormat.CSV) {
      List<String> header = new ArrayList<>();
      names.forEach(n -> header.add(csv(n)));
      append(String.join(",", header) + "\r\n");
    }
    long rows = 0;
    boolean truncated = false;
    JsonObject last = null;
    while (rs.next()) {
      if (rows == limit) {
        truncated = true;
        break;
      }
      if (format == ResultFormat.CSV) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < count; i++) {
          if (i > 0) {
            line.append(',');
          }
          Object value = jsonValue(rs.getObject(i + 1));
          line.append(value == null ? "" : csv(String.valueOf(value)));
        }
        append(line.append("\r\n").toString());
      } else {
        JsonObject row = new JsonObject();
        for (int i = 0; i < count; i++) {
          row.put(names.get(i), jsonValue(rs.getObject(i + 1)));
        }
        if (format == ResultFormat.JSON && rows > 0) {
          append(",");
        }
        append(row.encode());
        if (format == ResultFormat.NDJSON) {
          append("\n");
        }
        last = row;
      }
      rows++;
    }
    Outcome outcome = new Outcome(rows, truncated, last);
    if (format == ResultFormat.JSON) {
      append(envelope.tail(outcome));
    }
    flush();
    return outcome;
  }

  private void append(String text) {
    chunk.appendString(text);
    if (chunk.length() >= CHUNK_BYTES) {
      flush();
    }
  }

  private void flush() {
    if (chunk.length() > 0) {
      sink.write(chunk);
      chunk = Buffer.buffer(CHUNK_BYTES + 1024);
    }
  }

  /** Column names, made unique (a second "amount" becomes "amount_2") so that JSON rows keep every value. */
  static List<String> columnNames(ResultSetMetaData meta) throws SQLException {
    List<String> names = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      String name = meta.getColumnLabel(i);
      String unique = name;
      for (int n = 2; !seen.add(unique); n++) {
        unique = name + "_" + n;
      }
      names.add(unique);
    }
    return names;
  }

  /** A JDBC value as JSON: numbers and booleans as such, times in ISO-8601, binary as base64, the rest as text. */
  static Object jsonValue(Object value) throws SQLException {
    if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
        || value instanceof Integer || value instanceof Short || value instanceof Byte || value instanceof BigDecimal
        || value instanceof BigInteger) {
      return value instanceof BigInteger big ? new BigDecimal(big) : value;
    }
    if (value instanceof Double d) {
      return d.isNaN() || d.isInfinite() ? d.toString() : d;
    }
    if (value instanceof Float f) {
      return f.isNaN() || f.isInfinite() ? f.toString() : f;
    }
    if (value instanceof OffsetDateTime time) {
      return time.toInstant().toString();
    }
    if (value instanceof Timestamp time) {
      return time.toLocalDateTime().toString();
    }
    if (value instanceof java.sql.Date date) {
      return date.toLocalDate().toString();
    }
    if (value instanceof Blob blob) {
      return Base64.getEncoder().encodeToString(blob.getBytes(1, (int) blob.length()));
    }
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    return value.toString();
  }

  static String csv(String text) {
    if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
      return text;
    }
    return '"' + text.replace("\"", "\"\"") + '"';
  }
}
