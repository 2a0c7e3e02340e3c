package io.meshwork.runtime.auth;

import io.meshwork.model.error.UnauthorizedException;
import io.meshwork.observability.Spans;
import io.opentelemetry.api.trace.Span;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Route-chain handler in front of every protected route: requires {@code Authorization: Bearer},
 * verifies it, and leaves the {@link Caller} on the routing context for the handlers after it.
 */
public final class BearerAuthHandler implements Handler<RoutingContext> {

  private final TokenVerifier verifier;

  public BearerAuthHandler(TokenVerifier verifier) {
    this.verifier = verifier;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
      ctx.fail(new UnauthorizedException("A bearer token from the Meshwork realm is required"));
      return;
    }
    verifier.verify(header.substring(7).trim())
        .onSuccess(caller -> {
          ctx.put(Caller.CONTEXT_KEY, caller);
          // the request's span (and so its JSON log lines) names who called
          Span.current().setAttribute(Spans.PRINCIPAL, caller.username());
          ctx.next();
        })
        .onFailure(ctx::fail);
  }
}
