package io.meshwork.identity.federation;

import io.meshwork.model.error.ForbiddenException;
import io.meshwork.model.error.UnavailableException;
import io.meshwork.runtime.auth.Caller;
import io.meshwork.runtime.web.JsonBody;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;

/**
 * HTTP edge of identity federation, {@value #BASE} ({@code mesh-admin} only): OIDC and SAML identity
 * providers and their mappers. A discovery document or SAML metadata is fetched and checked (422
 * with the reason) before Keycloak is changed; Keycloak calls run on worker threads.
 */
public final class FederationRoutes {

  public static final String BASE = "/api/v1/identity/providers";

  private final Vertx vertx;
  private final ProviderDirectory directory;
  private final Discovery discovery;
  private final SamlMetadata samlMetadata;
  private final SignInProviders signInProviders;

  /** {@code directory} null: the node has no Keycloak admin credentials, and every route answers 503. */
  public FederationRoutes(Vertx vertx, ProviderDirectory directory, io.vertx.ext.web.client.WebClient http) {
    this.vertx = vertx;
    this.directory = directory;
    this.discovery = new Discovery(http);
    this.samlMetadata = new SamlMetadata(http);
    this.signInProviders = new SignInProviders(vertx, directory);
  }

  /** The public route (no token): the providers a sign-in page offers. Mount before the bearer handler. */
  public void mountPublic(Router router) {
    signInProviders.mount(router);
  }

  public void mount(Router router) {
    router.get(BASE).handler(this::requireAdmin).handler(this::list);
    router.post(BASE).handler(this::requireAdmin).handler(this::create);
    router.get(BASE + "/:alias").handler(this::requireAdmin).handler(this::get);
    router.put(BASE + "/:alias").handler(this::requireAdmin).handler(this::replace);
    router.delete(BASE + "/:alias").handler(this::requireAdmin).handler(this::delete);
    router.get(BASE + "/:alias/mappers").handler(this::requireAdmin).handler(this::mappers);
    router.post(BASE + "/:alias/mappers").handler(this::requireAdmin).handler(this::addMapper);
    router.delete(BASE + "/:alias/mappers/:id").handler(this::requireAdmin).handler(this::deleteMapper);
  }

  private void requireAdmin(RoutingContext ctx) {
    if (!Caller.of(ctx).hasRole(Caller.MESH_ADMIN)) {
      throw new ForbiddenException("Only a mesh-admin may manage identity providers");
    }
    ctx.next();
  }

  private void list(RoutingContext ctx) {
    blocking(() -> directory().list())
        .onSuccess(items -> ctx.json(new JsonObject().put("items", new JsonArray(items))))
        .onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    JsonObject body = JsonBody.optional(ctx);
    ProviderDirectory providers = directory();
    Future<JsonObject> created;
    String alias;
    if (isSaml(body)) {
      SamlProviderRequest request = SamlProviderRequest.parse(body, null);
      alias = request.alias();
      created = metadata(request).compose(idp -> blocking(() -> providers.createSaml(request, idp)));
    } else {
      ProviderRequest request = ProviderRequest.parse(body, null);
      alias = request.alias();
      created = endpoints(request).compose(endpoints -> blocking(() -> providers.create(request, endpoints)));
    }
    created
        .onComplete(done -> signInProviders.invalidate())
        .onSuccess(provider -> ctx.response()
            .setStatusCode(201)
            .putHeader("Location", BASE + "/" + alias)
            .putHeader("Content-Type", "application/json")
            .end(provider.encode()))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    String alias = ctx.pathParam("alias");
    blocking(() -> directory().get(alias)).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void replace(RoutingContext ctx) {
    JsonObject body = JsonBody.optional(ctx);
    String alias = ctx.pathParam("alias");
    ProviderDirectory providers = directory();
    Future<JsonObject> replaced;
    // each checks that the provider exists (404) before fetching anything for it
    if (isSaml(body)) {
      SamlProviderRequest request = SamlProviderRequest.parse(body, alias);
      replaced = blocking(() -> providers.get(alias))
          .compose(existing -> metadata(request))
          .compose(idp -> blocking(() -> providers.replaceSaml(request, idp)));
    } else {
      ProviderRequest request = ProviderRequest.parse(body, alias);
      replaced = blocking(() -> providers.get(alias))
          .compose(existing -> endpoints(request))
          .compose(endpoints -> blocking(() -> providers.replace(request, endpoints)));
    }
    replaced.onComplete(done -> signInProviders.invalidate()).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    String alias = ctx.pathParam("alias");
    blocking(() -> {
      directory().delete(alias);
      return null;
    }).onComplete(done -> signInProviders.invalidate())
        .onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  private void mappers(RoutingContext ctx) {
    String alias = ctx.pathParam("alias");
    blocking(() -> directory().mappers(alias))
        .onSuccess(items -> ctx.json(new JsonObject().put("items", new JsonArray(items))))
        .onFailure(ctx::fail);
  }

  private void addMapper(RoutingContext ctx) {
    String alias = ctx.pathParam("alias");
    MapperRequest request = MapperRequest.parse(JsonBody.optional(ctx));
    blocking(() -> directory().addMapper(alias, request))
        .onSuccess(mapper -> ctx.response()
            .setStatusCode(201)
            .putHeader("Location", BASE + "/" + alias + "/mappers/" + mapper.getString("id"))
            .putHeader("Content-Type", "application/json")
            .end(mapper.encode()))
        .onFailure(ctx::fail);
  }

  private void deleteMapper(RoutingContext ctx) {
    String alias = ctx.pathParam("alias");
    String id = ctx.pathParam("id");
    blocking(() -> {
      directory().deleteMapper(alias, id);
      return null;
    }).onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  private static boolean isSaml(JsonObject body) {
    return body != null && "saml".equals(body.getValue("type"));
  }

  private Future<SamlMetadata.Idp> metadata(SamlProviderRequest request) {
    if (request.metadataUrl().isPresent()) {
      return samlMetadata.fetch(request.metadataUrl().get());
    }
    try {
      return Future.succeededFuture(SamlMetadata.parse(request.metadata().orElseThrow(), "The metadata given"));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private Future<ProviderRequest.Endpoints> endpoints(ProviderRequest request) {
    return request.discoveryUrl().map(discovery::fetch).orElseGet(() -> Future.succeededFuture(request.endpoints().orElseThrow()));
  }

  private ProviderDirectory directory() {
    if (directory == null) {
      throw new UnavailableException("Identity administration is not configured on this node"
          + " (MESHWORK_ADMIN_CLIENT_SECRET, the secret of the realm's administration client)");
    }
    return directory;
  }

  private <T> Future<T> blocking(Callable<T> call) {
    return vertx.executeBlocking(call, false);
  }
}
