package io.meshwork.identity.federation;

import io.meshwork.model.error.UnavailableException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@value #PATH}, the one identity route that needs no token: the identity providers a sign-in page
 * may offer ("Sign in with ACME Corp"), alias and display name only. The portal reads it before
 * anyone has signed in.
 *
 * <p>Anyone may call it, so it must not turn into one Keycloak admin call per request: the list is
 * kept for {@link #TTL_MILLIS} and dropped at once when this node's federation API changes a provider.
 * (A change made on another node or in the Keycloak console shows within that time.)
 */
public final class SignInProviders {

  public static final String PATH = "/api/v1/identity/sign-in-providers";
  static final long TTL_MILLIS = 30_000;

  private final Vertx vertx;
  private final ProviderDirectory directory;
  /** Benign races: at worst two requests both read Keycloak. */
  private volatile Future<List<JsonObject>> cached;
  private volatile long cachedAt;

  /** {@code directory} null: the node has no Keycloak admin credentials, and the route answers 503. */
  public SignInProviders(Vertx vertx, ProviderDirectory directory) {
    this.vertx = vertx;
    this.directory = directory;
  }

  /** Mount before the bearer-token handler of {@code /api/*}: this route is public. */
  public void mount(Router router) {
    router.get(PATH).handler(this::list);
  }

  /** The next request reads Keycloak again (after a provider was created, replaced or deleted). */
  void invalidate() {
    cached = null;
  }

  private void list(RoutingContext ctx) {
    if (directory == null) {
      ctx.fail(new UnavailableException("Identity administration is not configured on this node"));
      return;
    }
    long now = System.currentTimeMillis();
    Future<List<JsonObject>> providers = cached;
    if (providers == null || now - cachedAt > TTL_MILLIS || providers.failed()) {
      // requests meanwhile share this one call
      providers = vertx.executeBlocking(directory::signInOptions, false);
      cached = providers;
      cachedAt = now;
    }
    providers
        .onSuccess(items -> ctx.json(new JsonObject().put("items", new JsonArray(items))))
        .onFailure(ctx::fail);
  }
}
