package io.meshwork.dataplane.query;

import io.meshwork.dataplane.storage.DomainDatabases;
import io.meshwork.dataplane.storage.PortTable;
import io.meshwork.model.error.GoneException;
import io.meshwork.model.error.NotFoundException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * The batches a read of one port sees: committed ones up to {@code seq} (the highest visible
 * sequence number, 0 when there is none), {@code batches} of them, and whether the port's table
 * exists yet. Reads filter on {@code seq} too, so a batch committed while a query runs never
 * shows up in it, and (seq, batches) identifies the snapshot for the cache — retention, which
 * retires old batches, changes the count.
 *
 * <p>{@code hidden} lists the port's batches up to {@code seq} that are not visible (quarantined,
 * failed, retired, or committed after asOf), so that a read can filter with a range and a short
 * exclusion list ({@code _batch <= seq AND _batch NOT IN hidden}), which DuckDB pushes into the
 * scan, instead of a semi-join on the register, which costs a scan query ten times more. Null when
 * there are more than {@value #MAX_HIDDEN}: then reads use the semi-join.
 */
public record Snapshot(PortTable table, long seq, long batches, boolean tableExists, java.util.List<Long> hidden) {

  static final int MAX_HIDDEN = 1_000;

  public Snapshot {
    hidden = hidden == null ? null : java.util.List.copyOf(hidden);
  }

  /** Looks the snapshot up in the batch register of the connection's domain; blocking, on a worker thread. */
  public static Snapshot resolve(Connection c, PortTable table, AsOf asOf) throws SQLException {
    return resolve(c, null, table, asOf);
  }

  /**
   * Looks the snapshot up in {@code domain}'s batch register (null: the connection's own domain),
   * for a read across domains ({@link DomainDatabases#readAcross}); blocking, on a worker thread.
   */
  public static Snapshot resolve(Connection c, String domain, PortTable table, AsOf asOf) throws SQLException {
    String batches = qualifier(domain) + DomainDatabases.BATCHES;
    Long upTo = asOf.seq();
    if (asOf.batchId() != null) {
      try (PreparedStatement ps = c.prepareStatement("SELECT seq, status, CAST(retired_at AS VARCHAR) FROM " + batches + " WHERE id = ?")) {
        ps.setString(1, asOf.batchId());
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new NotFoundException("No batch '" + asOf.batchId() + "' in this domain (asOf)");
          }
          if ("retired".equals(rs.getString(2))) {
            // its rows are deleted: reading "as of" it would silently answer a different snapshot
            throw new GoneException("Batch '" + asOf.batchId() + "' was retired by the contract's retention at " + rs.getString(3)
                + "; its rows are deleted and it can no longer be read (asOf)");
          }
          upTo = rs.getLong(1);
        }
      }
    }
    // one statement for the visible batches, the hidden ones below them and the table's existence:
    // every read pays for it, so one round trip instead of three
    String visible = " WHERE product = ? AND port = ? AND major = ? AND status = 'committed'"
        + (upTo != null ? " AND seq <= ?" : "") + (asOf.time() != null ? " AND committed_at <= ?" : "");
    String sql = "WITH visible AS (SELECT coalesce(max(seq), 0) AS s, count(*) AS n FROM " + batches + visible + "), "
        + "hidden AS (SELECT b.seq FROM " + batches + " b, visible v WHERE b.product = ? AND b.port = ? AND b.major = ?"
        + " AND b.seq <= v.s AND (b.status <> 'committed'" + (asOf.time() != null ? " OR b.committed_at IS NULL OR b.committed_at > ?" : "")
        + ") ORDER BY b.seq LIMIT " + (MAX_HIDDEN + 1) + ") "
        + "SELECT v.s, v.n, (SELECT count(*) FROM duckdb_tables() WHERE database_name = " + (domain == null ? "current_database()" : "?")
        + " AND schema_name = 'main' AND table_name = ?), "
        + "(SELECT list(seq ORDER BY seq) FROM hidden) FROM visible v";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      ps.setString(i++, table.productId());
      ps.setString(i++, table.port());
      ps.setInt(i++, table.major());
      if (upTo != null) {
        ps.setLong(i++, upTo);
      }
      if (asOf.time() != null) {
        ps.setTimestamp(i++, Timestamp.from(asOf.time()));
      }
      ps.setString(i++, table.productId());
      ps.setString(i++, table.port());
      ps.setInt(i++, table.major());
      if (asOf.time() != null) {
        ps.setTimestamp(i++, Timestamp.from(asOf.time()));
      }
      if (domain != null) {
        ps.setString(i++, DomainDatabases.catalogName(domain));
      }
      ps.setString(i, table.name());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        java.util.List<Long> hidden = new java.util.ArrayList<>();
        java.sql.Array list = rs.getArray(4);
        if (list != null) {
          for (Object seq : (Object[]) list.getArray()) {
            hidden.add(((Number) seq).longValue());
          }
        }
        return new Snapshot(table, rs.getLong(1), rs.getLong(2), rs.getLong(3) > 0, hidden.size() > MAX_HIDDEN ? null : hidden);
      }
    }
  }

  /** How a table of {@code domain} is named from another domain's connection; empty for the connection's own. */
  public static String qualifier(String domain) {
    return domain == null ? "" : DomainDatabases.catalog(domain) + ".main.";
  }

  /** For cache keys: the port's table and the batches visible. */
  public String key() {
    return table.name() + "@" + seq + "/" + batches;
  }
}
