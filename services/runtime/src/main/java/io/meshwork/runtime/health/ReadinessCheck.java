package io.meshwork.runtime.health;

import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * One dependency a node needs before it can serve: succeeds when the dependency answers. A probe
 * that succeeds with a {@link Degraded} value means "can serve, but something is wrong": the node
 * stays ready and the reason shows in {@code /health/ready}.
 */
public record ReadinessCheck(String name, Supplier<Future<?>> probe) {

  /** The result of a probe whose dependency is impaired without stopping the node from serving. */
  public record Degraded(String reason) {}
}
