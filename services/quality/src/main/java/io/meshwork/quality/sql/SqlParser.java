package io.meshwork.quality.sql;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.duckdb.DuckDBConnection;

/**
 * DuckDB's own parser, used as a library: {@code json_serialize_sql} turns SQL into DuckDB's parse
 * tree as JSON, {@code json_deserialize_sql} turns a tree back into SQL. Both are pure functions:
 * they read no table, so parsing a consumer's text can never touch data. By default it runs on an
 * in-memory database of its own; {@link #on(Connection)} borrows a connection that is open anyway
 * (a quality rule checked inside a batch's transaction). The SQL is always passed as a bound
 * parameter. Blocking: call it from a worker thread.
 */
public final class SqlParser implements AutoCloseable {

  private final DuckDBConnection root;
  private final Connection borrowed;

  public SqlParser() {
    try {
      root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
      borrowed = null;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open an in-memory DuckDB for parsing", e);
    }
  }

  private SqlParser(Connection borrowed) {
    this.root = null;
    this.borrowed = borrowed;
  }

  /** A parser on a connection the caller owns and closes. */
  public static SqlParser on(Connection connection) {
    return new SqlParser(connection);
  }

  /** The parse tree of {@code sql}: {@code {"error": false, "statements": [...]}} or {@code {"error": true, "error_message": ...}}. */
  public JsonObject serialize(String sql) {
    return new JsonObject(call("SELECT json_serialize_sql(?::VARCHAR)", sql));
  }

  /** The SQL text of a tree produced by {@link #serialize} (possibly rewritten). */
  public String deserialize(JsonObject tree) {
    return call("SELECT json_deserialize_sql(?::JSON)", tree.encode());
  }

  private String call(String function, String argument) {
    try {
      if (borrowed != null) {
        return call(borrowed, function, argument);
      }
      try (Connection c = root.duplicate()) {
        return call(c, function, argument);
      }
    } catch (SQLException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static String call(Connection c, String function, String argument) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(function)) {
      ps.setString(1, argument);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  @Override
  public void close() {
    if (root == null) {
      return; // a borrowed connection is its owner's to close
    }
    try {
      root.close();
    } catch (SQLException ignored) {
      // an in-memory database: nothing to flush
    }
  }
}
