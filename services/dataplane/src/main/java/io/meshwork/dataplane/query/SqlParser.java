package io.meshwork.dataplane.query;

import io.vertx.core.json.JsonObject;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.duckdb.DuckDBConnection;

/**
 * DuckDB's own parser, used as a library: {@code json_serialize_sql} turns SQL into DuckDB's parse
 * tree as JSON, {@code json_deserialize_sql} turns a tree back into SQL. It runs on an in-memory
 * database that holds no data, so parsing a consumer's text can never touch a domain's tables.
 * The SQL is always passed as a bound parameter. Blocking: call it from a worker thread.
 */
public final class SqlParser implements AutoCloseable {

  private final DuckDBConnection root;

  public SqlParser() {
    try {
      root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open an in-memory DuckDB for parsing", e);
    }
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
    try (var c = root.duplicate(); PreparedStatement ps = c.prepareStatement(function)) {
      ps.setString(1, argument);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    } catch (SQLException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      root.close();
    } catch (SQLException ignored) {
      // an in-memory database: nothing to flush
    }
  }
}
