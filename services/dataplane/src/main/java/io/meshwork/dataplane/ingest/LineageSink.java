package io.meshwork.dataplane.ingest;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Where the OpenLineage RunEvents of ingestion runs go: the node wires it to the catalog's lineage store. */
@FunctionalInterface
public interface LineageSink {
  Future<Void> emit(JsonObject runEvent);
}
