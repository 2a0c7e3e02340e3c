package io.meshwork.dataplane.cache;

import io.meshwork.dataplane.query.ChunkSink;
import io.vertx.core.buffer.Buffer;

/**
 * Passes chunks on and keeps a copy while the result stays small enough to cache; once it grows
 * past the limit, the copy is dropped and the rest is only passed on.
 */
public final class CapturingSink implements ChunkSink {

  private final ChunkSink next;
  private final long limit;
  private Buffer copy = Buffer.buffer();

  public CapturingSink(ChunkSink next, long limit) {
    this.next = next;
    this.limit = limit;
  }

  @Override
  public void write(Buffer chunk) {
    if (copy != null) {
      if (copy.length() + chunk.length() > limit) {
        copy = null;
      } else {
        copy.appendBuffer(chunk);
      }
    }
    next.write(chunk);
  }

  /** The whole body written, or empty if it was too big to keep. */
  public java.util.Optional<Buffer> captured() {
    return java.util.Optional.ofNullable(copy);
  }
}
