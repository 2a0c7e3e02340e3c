package io.meshwork.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Event-loop health: once a second a timer measures how late it fired. A blocked or saturated
 * event loop shows as lag long before requests time out ({@code meshwork_eventloop_lag_seconds}).
 */
final class EventLoopProbe {

  private static final long PERIOD_MS = 1000;

  private EventLoopProbe() {}

  static void start(Vertx vertx, MeterRegistry registry) {
    AtomicLong lagNanos = new AtomicLong();
    Gauge.builder("meshwork.eventloop.lag", lagNanos, lag -> lag.get() / 1e9)
        .baseUnit("seconds").description("How late the event loop ran a timer due now (sampled every second)")
        .register(registry);
    AtomicLong expected = new AtomicLong(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PERIOD_MS));
    vertx.setPeriodic(PERIOD_MS, id -> {
      long now = System.nanoTime();
      lagNanos.set(Math.max(0, now - expected.get()));
      expected.set(now + TimeUnit.MILLISECONDS.toNanos(PERIOD_MS));
    });
  }
}
