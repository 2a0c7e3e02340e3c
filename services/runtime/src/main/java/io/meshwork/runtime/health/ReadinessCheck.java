package io.meshwork.runtime.health;

import io.vertx.core.Future;
import java.util.function.Supplier;

/** One dependency a node needs before it can serve: succeeds when the dependency answers. */
public record ReadinessCheck(String name, Supplier<Future<?>> probe) {}
