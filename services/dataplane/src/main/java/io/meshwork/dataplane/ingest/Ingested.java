package io.meshwork.dataplane.ingest;

import io.meshwork.dataplane.batch.Batch;

/** An ingestion's outcome: the batch, and whether it is the one an earlier attempt with the same idempotency key produced. */
public record Ingested(Batch batch, boolean replayed) {}
