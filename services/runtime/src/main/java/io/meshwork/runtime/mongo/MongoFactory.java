package io.meshwork.runtime.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.meshwork.observability.MongoTracing;
import io.opentelemetry.api.OpenTelemetry;
import java.util.concurrent.TimeUnit;

/** Builds the MongoDB client every service of a node shares. */
public final class MongoFactory {

  private MongoFactory() {}

  /**
   * A client that fails fast: a request waiting 30 s (the driver default) for an unreachable
   * server would hold a user's request far longer than a clear 503.
   */
  public static MongoClient create(String uri) {
    return MongoClients.create(settings(uri).build());
  }

  /** The same client, with a span per command under the request that issued it ({@link MongoTracing}). */
  public static MongoClient create(String uri, OpenTelemetry openTelemetry) {
    return MongoClients.create(MongoTracing.install(settings(uri), openTelemetry).build());
  }

  private static MongoClientSettings.Builder settings(String uri) {
    return MongoClientSettings.builder()
        .applyConnectionString(new ConnectionString(uri))
        .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(5, TimeUnit.SECONDS))
        .applyToSocketSettings(socket -> socket.connectTimeout(5, TimeUnit.SECONDS));
  }
}
