package io.meshwork.catalog.webhook;

import io.meshwork.runtime.events.EventLog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the events this node appends to the subscriptions that want them: each delivery is
 * stored, then POSTed as a structured CloudEvent ({@code application/cloudevents+json}) with an
 * HMAC signature. A delivery that fails (no answer, or not 2xx) is tried again after
 * {@code firstRetry}, then twice as long each time, up to {@code attempts} attempts; a timer picks
 * up the retries that are due, also those a stopped node left behind.
 *
 * <p>Listens with a local consumer: in a clustered mesh each node delivers the events it appended
 * itself, so no event is delivered twice by two nodes.
 */
public final class WebhookDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final Duration MAX_DELAY = Duration.ofHours(1);
  private static final int TIMEOUT_MS = 10_000;
  private static final int DUE_BATCH = 100;

  private final Vertx vertx;
  private final WebhookStore store;
  private final WebClient client;
  private final Duration firstRetry;
  private final int attempts;

  WebhookDispatcher(Vertx vertx, WebhookStore store, Duration firstRetry, int attempts) {
    this.vertx = vertx;
    this.store = store;
    this.firstRetry = firstRetry;
    this.attempts = attempts;
    // redirects are not followed: the subscriber named one URL, and only that one is called
    this.client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false).setConnectTimeout(5_000)
        .setUserAgent("Meshwork-Webhooks/1"));
  }

  void start() {
    vertx.eventBus().<JsonObject>localConsumer(EventLog.ADDRESS, message -> fanOut(message.body()));
    long tick = Math.max(100, Math.min(firstRetry.toMillis() / 2, 1_000));
    vertx.setPeriodic(tick, timer -> retryDue());
  }

  /** One stored delivery per subscription that wants the event, each attempted at once. */
  private void fanOut(JsonObject event) {
    String type = event.getString("type");
    store.subscriptions(null)
        .compose(all -> {
          List<Future<Void>> queued = all.stream().filter(s -> s.wants(type)).map(s -> {
            String id = UUID.randomUUID().toString();
            return store.insertDelivery(id, s, event, Instant.now()).onSuccess(v -> attempt(id));
          }).toList();
          return Future.all(queued);
        })
        .onFailure(err -> LOG.warn("could not queue webhook deliveries of event {}: {}", event.getString("id"), err.toString()));
  }

  private void retryDue() {
    store.due(Instant.now(), DUE_BATCH)
        .onSuccess(ids -> ids.forEach(this::attempt))
        .onFailure(err -> LOG.warn("could not read due webhook deliveries: {}", err.toString()));
  }

  /** Claims the delivery (so nobody else makes this attempt), POSTs it and records what happened. */
  private void attempt(String id) {
    Instant now = Instant.now();
    store.claim(id, now, now.plus(LEASE)).compose(claimed -> {
      if (claimed.isEmpty()) {
        return Future.succeededFuture();
      }
      Document delivery = claimed.get();
      return store.subscription(delivery.getString("subscription")).compose(subscription -> {
        if (subscription.isEmpty()) {
          return Future.succeededFuture();
        }
        return post(subscription.get(), id, delivery).compose(attempt -> record(id, delivery.getInteger("attempt", 0) + 1, attempt));
      });
    }).onFailure(err -> LOG.warn("webhook delivery {} could not be attempted: {}", id, err.toString()));
  }

  private Future<Document> post(Subscription subscription, String deliveryId, Document delivery) {
    byte[] body = delivery.getString("event").getBytes(StandardCharsets.UTF_8);
    long started = System.nanoTime();
    Instant at = Instant.now();
    String signature = Signature.header(subscription.secret(), at.getEpochSecond(), body);
    return client.postAbs(subscription.url())
        .timeout(TIMEOUT_MS)
        .putHeader("Content-Type", "application/cloudevents+json")
        .putHeader(Signature.HEADER, signature)
        .putHeader("Meshwork-Delivery", deliveryId)
        .putHeader("Meshwork-Event-Type", delivery.getString("eventType"))
        .sendBuffer(Buffer.buffer(body))
        .map(response -> attempt(at, started).append("statusCode", response.statusCode()))
        .recover(err -> Future.succeededFuture(attempt(at, started).append("error", describe(err))));
  }

  private Future<Void> record(String id, int attemptNumber, Document attempt) {
    Integer status = attempt.getInteger("statusCode");
    boolean delivered = status != null && status >= 200 && status < 300;
    if (delivered) {
      return store.recordAttempt(id, attempt, WebhookStore.DELIVERED, null);
    }
    if (attemptNumber >= attempts) {
      return store.recordAttempt(id, attempt, WebhookStore.FAILED, null);
    }
    return store.recordAttempt(id, attempt, WebhookStore.PENDING, Instant.now().plus(backoff(attemptNumber)));
  }

  /** {@code firstRetry} after the first failure, doubling with each further one, at most an hour. */
  Duration backoff(int failedAttempts) {
    Duration delay = firstRetry.multipliedBy(1L << Math.min(failedAttempts - 1, 20));
    return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
  }

  private static Document attempt(Instant at, long startedNanos) {
    return new Document("at", java.util.Date.from(at)).append("durationMs", (System.nanoTime() - startedNanos) / 1_000_000);
  }

  /** What went wrong, without internals: the receiver's owner reads it in the delivery log. */
  private static String describe(Throwable err) {
    String name = err.getClass().getSimpleName();
    if (name.contains("Timeout") || String.valueOf(err.getMessage()).contains("timeout")) {
      return "no answer within " + TIMEOUT_MS / 1000 + " s";
    }
    if (name.contains("Connect")) {
      return "connection refused or unreachable";
    }
    return "request failed (" + name + ")";
  }
}
