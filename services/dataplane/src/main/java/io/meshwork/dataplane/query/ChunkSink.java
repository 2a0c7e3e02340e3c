package io.meshwork.dataplane.query;

import io.vertx.core.buffer.Buffer;

/** Where a result goes, chunk by chunk, from a worker thread; a write may wait until the client catches up. */
public interface ChunkSink {

  void write(Buffer chunk);
}
