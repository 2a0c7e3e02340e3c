package io.meshwork.node;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** Polling for what a node does in the background (scheduled runs, quality results, events). */
final class Eventually {

  private Eventually() {}

  /**
   * Reads every 250 ms until {@code done} holds and returns that value; after {@code within} fails
   * the test with {@code what} and the last value read.
   */
  static <T> T until(String what, Duration within, Callable<T> read, Predicate<T> done) throws Exception {
    long deadline = System.currentTimeMillis() + within.toMillis();
    T last = read.call();
    while (!done.test(last)) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("not within " + within.toSeconds() + " s: " + what + "; last seen " + last);
      }
      Thread.sleep(250);
      last = read.call();
    }
    return last;
  }
}
