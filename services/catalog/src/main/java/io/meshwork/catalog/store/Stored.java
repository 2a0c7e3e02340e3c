package io.meshwork.catalog.store;

/**
 * A registered thing as the store holds it, with the revision counter that makes concurrent
 * updates safe without transactions: an update names the revision it read.
 */
public record Stored<T>(T value, long revision) {}
