package io.meshwork.node;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.ext.web.Router;

/** Serves every service's routes on the node's one HTTP port. */
final class NodeVerticle extends VerticleBase {

  private final Router router;
  private final String host;
  private final int port;
  private HttpServer server;

  NodeVerticle(Router router, String host, int port) {
    this.router = router;
    this.host = host;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    // ALWAYS: start a trace for every request, not only for those that bring a traceparent,
    // so every log line and problem+json body carries a trace id
    var options = new HttpServerOptions().setTracingPolicy(TracingPolicy.ALWAYS);
    return vertx.createHttpServer(options)
        .requestHandler(router)
        .listen(port, host)
        .onSuccess(listening -> server = listening);
  }

  int actualPort() {
    return server.actualPort();
  }
}
