package io.meshwork.quality.run;

import io.vertx.core.Future;
import java.sql.Connection;

/**
 * Read access to a domain's DuckDB database, on a worker thread. The data plane owns the databases
 * (one instance per domain file); the node adapts its {@code DomainDatabases.read} to this, so the
 * quality module does not depend on the data plane, which depends on it.
 */
public interface DomainSql {

  /** Work on a connection; may throw, the future then fails. */
  @FunctionalInterface
  interface Work<T> {
    T apply(Connection c) throws Exception;
  }

  <T> Future<T> read(String domain, Work<T> work);

  /** Whether this node holds the domain's data (scheduled runs happen only there). */
  default boolean serves(String domain) {
    return true;
  }
}
