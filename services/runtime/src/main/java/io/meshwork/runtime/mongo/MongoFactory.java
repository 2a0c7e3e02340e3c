package io.meshwork.runtime.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import java.util.concurrent.TimeUnit;

/** Builds the MongoDB client every service of a node shares. */
public final class MongoFactory {

  private MongoFactory() {}

  /**
   * A client that fails fast: a request waiting 30 s (the driver default) for an unreachable
   * server would hold a user's request far longer than a clear 503.
   */
  public static MongoClient create(String uri) {
    MongoClientSettings settings = MongoClientSettings.builder()
        .applyConnectionString(new ConnectionString(uri))
        .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(5, TimeUnit.SECONDS))
        .applyToSocketSettings(socket -> socket.connectTimeout(5, TimeUnit.SECONDS))
        .build();
    return MongoClients.create(settings);
  }
}
