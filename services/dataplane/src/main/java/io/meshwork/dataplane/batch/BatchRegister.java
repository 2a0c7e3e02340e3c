package io.meshwork.dataplane.batch;

import static io.meshwork.dataplane.storage.DomainDatabases.BATCHES;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and writes the batch register ({@code _meshwork_batches}) of a domain database. */
public final class BatchRegister {

  private static final String COLUMNS = "seq, id, run_id, product, port, major, status, idempotency_key, source, format, "
      + "rows_valid, rows_quarantined, started_at, committed_at, retired_at, CAST(quality AS VARCHAR), CAST(reasons AS VARCHAR)";

  private BatchRegister() {}

  /** The next sequence number of the domain; call it inside the writing transaction (writes are serialised). */
  public static long nextSeq(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(seq), 0) + 1 FROM " + BATCHES); ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  public static void insert(Connection c, Batch b) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + BATCHES + " (seq, id, run_id, product, port, major, status, "
        + "idempotency_key, source, format, rows_valid, rows_quarantined, started_at, committed_at, quality, reasons) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS JSON), CAST(? AS JSON))")) {
      ps.setLong(1, b.seq());
      ps.setString(2, b.id());
      ps.setString(3, b.runId());
      ps.setString(4, b.product());
      ps.setString(5, b.port());
      ps.setInt(6, b.major());
      ps.setString(7, b.status());
      ps.setString(8, b.idempotencyKey());
      ps.setString(9, b.source());
      ps.setString(10, b.format());
      ps.setLong(11, b.rowsValid());
      ps.setLong(12, b.rowsQuarantined());
      setInstant(ps, 13, b.startedAt());
      setInstant(ps, 14, b.committedAt());
      ps.setString(15, b.quality() == null ? null : b.quality().encode());
      ps.setString(16, b.reasons().encode());
      ps.executeUpdate();
    }
  }

  /** The batch a retried upload with this key already produced (failed attempts do not count). */
  public static Optional<Batch> byIdempotencyKey(Connection c, String product, String port, String key) throws SQLException {
    return one(c, "product = ? AND port = ? AND idempotency_key = ? AND status <> 'failed'", product, port, key);
  }

  public static Optional<Batch> byId(Connection c, String product, String port, String id) throws SQLException {
    return one(c, "product = ? AND port = ? AND id = ?", product, port, id);
  }

  public static Optional<Batch> byRun(Connection c, String product, String runId) throws SQLException {
    return one(c, "product = ? AND run_id = ?", product, runId);
  }

  /** A port's batches, newest first, those before {@code beforeSeq} when it is positive. */
  public static List<Batch> list(Connection c, String product, String port, long beforeSeq, int limit) throws SQLException {
    String sql = "SELECT " + COLUMNS + " FROM " + BATCHES + " WHERE product = ? AND port = ?"
        + (beforeSeq > 0 ? " AND seq < ?" : "") + " ORDER BY seq DESC LIMIT " + limit;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, product);
      ps.setString(2, port);
      if (beforeSeq > 0) {
        ps.setLong(3, beforeSeq);
      }
      return all(ps);
    }
  }

  /** Committed or quarantined batches of a port committed before {@code cutoff}: what retention retires. */
  public static List<Batch> olderThan(Connection c, String product, String port, Instant cutoff) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + BATCHES
        + " WHERE product = ? AND port = ? AND status IN ('committed', 'quarantined') AND committed_at < ? ORDER BY seq")) {
      ps.setString(1, product);
      ps.setString(2, port);
      setInstant(ps, 3, cutoff);
      return all(ps);
    }
  }

  /** The (product, port) pairs that have live batches. */
  public static List<String[]> livePorts(Connection c) throws SQLException {
    List<String[]> ports = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT product, port FROM " + BATCHES
        + " WHERE status IN ('committed', 'quarantined') ORDER BY 1, 2"); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ports.add(new String[] {rs.getString(1), rs.getString(2)});
      }
    }
    return ports;
  }

  public static void retire(Connection c, long seq, Instant at) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + BATCHES + " SET status = 'retired', retired_at = ? WHERE seq = ?")) {
      setInstant(ps, 1, at);
      ps.setLong(2, seq);
      ps.executeUpdate();
    }
  }

  private static Optional<Batch> one(Connection c, String where, String... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + BATCHES + " WHERE " + where + " ORDER BY seq DESC LIMIT 1")) {
      for (int i = 0; i < args.length; i++) {
        ps.setString(i + 1, args[i]);
      }
      List<Batch> found = all(ps);
      return found.stream().findFirst();
    }
  }

  private static List<Batch> all(PreparedStatement ps) throws SQLException {
    List<Batch> batches = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String quality = rs.getString(16);
        String reasons = rs.getString(17);
        batches.add(new Batch(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6),
            rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getLong(11), rs.getLong(12),
            instant(rs, 13), instant(rs, 14), instant(rs, 15), quality == null ? null : new JsonObject(quality),
            reasons == null ? new JsonArray() : new JsonArray(reasons)));
      }
    }
    return batches;
  }

  private static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(index, value.atOffset(java.time.ZoneOffset.UTC));
    }
  }

  private static Instant instant(ResultSet rs, int index) throws SQLException {
    Object value = rs.getObject(index);
    if (value == null) {
      return null;
    }
    if (value instanceof OffsetDateTime odt) {
      return odt.toInstant();
    }
    if (value instanceof Timestamp ts) {
      return ts.toInstant();
    }
    return OffsetDateTime.parse(value.toString()).toInstant();
  }
}
