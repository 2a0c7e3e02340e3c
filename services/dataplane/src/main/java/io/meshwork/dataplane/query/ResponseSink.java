package io.meshwork.dataplane.query;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Streams a response from a worker thread: the head is written on the request's context, each
 * chunk too, and the worker waits while the client's write queue is full (back-pressure), so a
 * slow client slows the query down instead of filling the heap. If the client goes away, the next
 * write fails and the query stops.
 */
public final class ResponseSink implements ResultSink {

  /** The client stopped reading or closed the connection. */
  public static final class ClientGone extends RuntimeException {
    ClientGone(String message) {
      super(message, null, false, false);
    }
  }

  static final long DRAIN_TIMEOUT_SECONDS = 120;

  private final Context context;
  private final HttpServerResponse response;
  private volatile boolean closed;
  private volatile CountDownLatch waiting;
  private boolean started;

  public ResponseSink(Context context, HttpServerResponse response) {
    this.context = context;
    this.response = response;
    // Registered on the response's context, which may run after the answer is already complete
    // (a refusal or a cached result written first): a finished response takes no close handler.
    context.runOnContext(v -> {
      if (response.closed()) {
        clientGone();
      } else if (!response.ended()) {
        response.closeHandler(closedNow -> clientGone());
      }
    });
  }

  private void clientGone() {
    closed = true;
    CountDownLatch latch = waiting;
    if (latch != null) {
      latch.countDown();
    }
  }

  @Override
  public void start(int status, Map<String, String> headers) {
    started = true;
    onContext(() -> {
      response.setStatusCode(status).setChunked(true);
      headers.forEach(response::putHeader);
    });
  }

  public boolean started() {
    return started;
  }

  @Override
  public void write(Buffer chunk) {
    onContext(() -> {
      if (!closed) {
        response.write(chunk);
      }
    });
  }

  /** Ends the response (on its context); does not wait. */
  public void end() {
    context.runOnContext(v -> {
      if (!closed && !response.ended()) {
        response.end();
      }
    });
  }

  /** Runs on the response's context and waits until the client's write queue has room again. */
  private void onContext(Runnable action) {
    if (closed) {
      throw new ClientGone("the client closed the connection");
    }
    CountDownLatch ready = new CountDownLatch(1);
    waiting = ready;
    context.runOnContext(v -> {
      try {
        if (!closed) {
          action.run();
        }
      } finally {
        if (!closed && response.writeQueueFull()) {
          response.drainHandler(drained -> ready.countDown());
        } else {
          ready.countDown();
        }
      }
    });
    try {
      if (!ready.await(DRAIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        closed = true;
        throw new ClientGone("the client read nothing for " + DRAIN_TIMEOUT_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClientGone("interrupted while waiting for the client");
    }
    if (closed) {
      throw new ClientGone("the client closed the connection");
    }
  }
}
