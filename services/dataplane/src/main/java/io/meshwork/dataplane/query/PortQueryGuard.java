package io.meshwork.dataplane.query;

import io.meshwork.quality.sql.SqlGuard;
import io.meshwork.quality.sql.SqlParser;
import io.meshwork.quality.sql.TableName;

/**
 * The SQL output port's use of the shared {@link SqlGuard}: a consumer's query may read output ports
 * named {@code domain.product.port} (three parts) and its own CTEs, nothing else — not the batch
 * register, not a port or quarantine table, not {@code information_schema}.
 */
public final class PortQueryGuard {

  static final int MAX_LENGTH = 100_000;
  private static final String HINT = "read ports as domain.product.port, e.g. orders.\"orders-daily\".order_lines";

  private final SqlGuard guard;

  public PortQueryGuard(SqlParser parser) {
    this.guard = new SqlGuard(parser, new SqlGuard.Tables() {
      @Override
      public void accept(TableName name, String at) {
        if (name.catalog().isEmpty() || name.schema().isEmpty()) {
          throw refused("'" + name.written() + "' is not a port; " + HINT + at);
        }
      }

      @Override
      public String hint() {
        return HINT;
      }
    }, "/sql", MAX_LENGTH);
  }

  /** Checks a consumer's query; blocking (DuckDB parses it), call it on a worker thread. */
  public GuardedQuery check(String sql) {
    GuardedQuery query = new GuardedQuery(guard.check(sql));
    if (query.ports().isEmpty()) {
      throw refused("the query reads no port; " + HINT);
    }
    return query;
  }

  static io.meshwork.model.error.InvalidException refused(String reason) {
    return SqlGuard.refused("/sql", reason);
  }
}
