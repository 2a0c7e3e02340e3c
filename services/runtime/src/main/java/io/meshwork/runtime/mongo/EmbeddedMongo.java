package io.meshwork.runtime.mongo;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MongoDB-wire server a node starts when no {@code MESHWORK_MONGO_URI} is given, so that one
 * command runs the whole mesh. The services still talk to it through the real MongoDB driver over
 * the wire, exactly as to a production replica set. Backed by an H2 file (durable across restarts)
 * or by memory (tests).
 */
public final class EmbeddedMongo implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMongo.class);

  private final MongoServer server;
  private final MVStore store;
  private final String connectionString;

  private EmbeddedMongo(MongoBackend backend, MVStore store, String host, int port) {
    this.server = new MongoServer(backend);
    this.store = store;
    server.bind(host, port);
    InetSocketAddress address = server.getLocalAddress();
    this.connectionString = "mongodb://" + address.getHostString() + ":" + address.getPort();
  }

  /** A durable server whose data lives in {@code file}; one process per file. */
  public static EmbeddedMongo onFile(Path file, String host, int port) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot create " + file.getParent() + ": " + e.getMessage(), e);
    }
    MVStore store = new MVStore.Builder().fileName(file.toString()).compress().open();
    EmbeddedMongo mongo = new EmbeddedMongo(new H2Backend(store), store, host, port);
    LOG.info("embedded MongoDB-wire server on {} (data in {})", mongo.connectionString, file);
    return mongo;
  }

  /** A throwaway server for tests. */
  public static EmbeddedMongo inMemory(String host) {
    return new EmbeddedMongo(new MemoryBackend(), null, host, 0);
  }

  public String connectionString() {
    return connectionString;
  }

  /** Stops accepting clients and flushes the H2 file, so nothing acknowledged is lost. */
  @Override
  public void close() {
    server.shutdownNow();
    if (store != null && !store.isClosed()) {
      store.close();
    }
    LOG.info("embedded MongoDB-wire server stopped");
  }
}
