package io.meshwork.dataplane.query;

import java.util.Map;

/** A response being streamed: its head once, then its chunks ({@link ResponseSink} over HTTP). */
public interface ResultSink extends ChunkSink {

  /** Status and headers; called once, before the first chunk. */
  void start(int status, Map<String, String> headers);
}
