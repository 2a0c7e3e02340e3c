package io.meshwork.runtime.mongo;

import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoSocketException;
import io.meshwork.model.error.UnavailableException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The single bridge from the MongoDB driver's Reactive Streams publishers to Vert.x futures.
 * Results are handed back on the caller's Vert.x context, so handlers keep running on their
 * event loop (and keep their trace context) even though the driver completes on its own threads.
 */
public final class Reactive {

  private Reactive() {}

  /** The first element, or null when the publisher completes empty. */
  public static <T> Future<T> first(Vertx vertx, Publisher<T> publisher) {
    return all(vertx, publisher).map(list -> list.isEmpty() ? null : list.get(0));
  }

  /** Every element, in order. */
  public static <T> Future<List<T>> all(Vertx vertx, Publisher<T> publisher) {
    Context context = vertx.getOrCreateContext();
    Promise<List<T>> promise = Promise.promise();
    publisher.subscribe(new Subscriber<T>() {
      private final List<T> items = new ArrayList<>();

      @Override
      public void onSubscribe(Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(T item) {
        items.add(item);
      }

      @Override
      public void onError(Throwable error) {
        Throwable mapped = error instanceof MongoTimeoutException || error instanceof MongoSocketException
            ? new UnavailableException("The metadata store is not reachable right now")
            : error;
        context.runOnContext(v -> promise.fail(mapped));
      }

      @Override
      public void onComplete() {
        context.runOnContext(v -> promise.complete(items));
      }
    });
    return promise.future();
  }
}
