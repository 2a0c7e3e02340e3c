package io.meshwork.dataplane.storage;

import java.sql.Connection;

/** Work on a domain database, run on a worker thread with a connection of its own. */
@FunctionalInterface
public interface SqlWork<T> {
  T apply(Connection connection) throws Exception;
}
