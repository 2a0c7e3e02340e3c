package io.meshwork.dataplane.quarantine;

import static io.meshwork.dataplane.storage.DomainDatabases.BATCHES;

import io.meshwork.dataplane.storage.PortSchema;
import io.meshwork.dataplane.storage.PortTable;
import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a port's quarantine table: the rows ingestion refused, each with its batch, its line in the
 * source and why — the contract's columns as text, or, for a record that could not be parsed at all
 * (a value not of its type, a wrong column count), its raw line ({@code raw}) with the columns empty. Newest batch first, then in source order; a
 * page ends with a cursor ({@code <batch seq>.<line>}) that continues after its last row.
 */
final class QuarantinedRows {

  /** Where a page starts: after row {@code line} of batch {@code seq}. */
  record Cursor(long seq, long line) {
    private static final Pattern FORM = Pattern.compile("(\\d{1,18})\\.(\\d{1,18})");

    static Cursor parse(String text) {
      if (text == null || text.isBlank()) {
        return null;
      }
      Matcher m = FORM.matcher(text.strip());
      if (!m.matches()) {
        throw new InvalidException("Invalid cursor", List.of(new Violation("/cursor", "must be the 'next' cursor of a previous page")));
      }
      return new Cursor(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
    }

    String text() {
      return seq + "." + line;
    }
  }

  private QuarantinedRows() {}

  /**
   * One page of quarantined rows of the port under its current contract; {@code batchId} (optional)
   * keeps one batch's rows. An unknown batch id, or a port that never quarantined anything, reads as an empty page.
   */
  static JsonObject page(Connection c, PortSchema schema, String productId, String port, String batchId, Cursor after, int limit)
      throws SQLException {
    PortTable table = schema.table();
    // this domain's quarantine table only: other domains' databases are attached to the same DuckDB
    Set<String> columns = PortSchema.existingColumns(c, table.quarantineName());
    JsonObject page = new JsonObject().put("product", productId).put("port", port).put("items", new JsonArray());
    if (columns.isEmpty()) {
      return page;
    }
    List<String> shown = schema.columnNames().stream().filter(columns::contains).toList();
    boolean raw = columns.contains(PortSchema.RAW_COLUMN);
    StringBuilder sql = new StringBuilder("SELECT b.id, q._batch, q._line, q._reason, "
        + (raw ? "q." + PortSchema.RAW_COLUMN : "NULL"));
    shown.forEach(name -> sql.append(", q.").append(PortTable.quote(name)));
    sql.append(" FROM ").append(table.quarantineQuoted()).append(" q LEFT JOIN ").append(BATCHES)
        .append(" b ON b.seq = q._batch WHERE 1 = 1");
    List<Object> params = new ArrayList<>();
    if (batchId != null && !batchId.isBlank()) {
      sql.append(" AND b.id = ?");
      params.add(batchId.strip());
    }
    if (after != null) {
      sql.append(" AND (q._batch < ? OR (q._batch = ? AND q._line > ?))");
      params.add(after.seq());
      params.add(after.seq());
      params.add(after.line());
    }
    sql.append(" ORDER BY q._batch DESC, q._line ASC LIMIT ?");
    params.add(limit + 1);
    JsonArray items = page.getJsonArray("items");
    Cursor last = null;
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < params.size(); i++) {
        ps.setObject(i + 1, params.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (items.size() == limit) {
            page.put("next", last.text());
            break;
          }
          JsonObject values = new JsonObject();
          for (int i = 0; i < shown.size(); i++) {
            values.put(shown.get(i), rs.getString(6 + i));
          }
          last = new Cursor(rs.getLong(2), rs.getLong(3));
          JsonObject item = new JsonObject().put("batchId", rs.getString(1)).put("seq", last.seq()).put("line", last.line())
              .put("reason", rs.getString(4)).put("values", values);
          if (rs.getString(5) != null) {
            item.put("raw", rs.getString(5));
          }
          items.add(item);
        }
      }
    }
    page.put("columns", new JsonArray(shown));
    return page;
  }
}
