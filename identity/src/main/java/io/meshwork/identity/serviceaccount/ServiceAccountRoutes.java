package io.meshwork.identity.serviceaccount;

import io.meshwork.model.error.ForbiddenException;
import io.meshwork.model.error.NotFoundException;
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
 * HTTP edge of service accounts, {@value #BASE}: who may do what, parsing, status codes. A
 * mesh-admin manages (creates, rotates, disables, deletes) every account; a domain-owner those of
 * the domains they belong to. The Keycloak calls run on worker threads; the secret appears only
 * in the answers of create and rotate, with {@code Cache-Control: no-store}.
 */
public final class ServiceAccountRoutes {

  public static final String BASE = "/api/v1/identity/service-accounts";

  private final Vertx vertx;
  private final ServiceAccountDirectory directory;
  private final String tokenEndpoint;

  /** {@code directory} null: the node has no Keycloak admin credentials, and every route answers 503. */
  public ServiceAccountRoutes(Vertx vertx, ServiceAccountDirectory directory, String tokenEndpoint) {
    this.vertx = vertx;
    this.directory = directory;
    this.tokenEndpoint = tokenEndpoint;
  }

  public void mount(Router router) {
    router.post(BASE).handler(this::create);
    router.get(BASE).handler(this::list);
    router.get(BASE + "/:id").handler(this::get);
    router.delete(BASE + "/:id").handler(this::delete);
    router.post(BASE + "/:id/rotate").handler(this::rotate);
    router.post(BASE + "/:id/disable").handler(ctx -> setEnabled(ctx, false));
    router.post(BASE + "/:id/enable").handler(ctx -> setEnabled(ctx, true));
  }

  private void create(RoutingContext ctx) {
    ServiceAccountRequest request = ServiceAccountRequest.parse(JsonBody.optional(ctx));
    requireManager(Caller.of(ctx), request.domain());
    blocking(() -> directory().create(request))
        .onSuccess(created -> ctx.response()
            .setStatusCode(201)
            .putHeader("Location", BASE + "/" + created.account().id())
            .putHeader("Cache-Control", "no-store")
            .putHeader("Content-Type", "application/json")
            .end(created.toJson(tokenEndpoint).encode()))
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    if (!caller.hasRole(Caller.MESH_ADMIN) && !caller.hasRole(Caller.DOMAIN_OWNER)) {
      throw new ForbiddenException("Only a mesh-admin or a domain-owner may list service accounts");
    }
    blocking(() -> directory().list())
        .onSuccess(accounts -> {
          JsonArray items = new JsonArray();
          accounts.stream().filter(a -> mayManage(caller, a.domain())).forEach(a -> items.add(a.toJson()));
          ctx.json(new JsonObject().put("items", items));
        })
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    managedAccount(ctx).onSuccess(account -> ctx.json(account.toJson())).onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    managedAccount(ctx)
        .compose(account -> blocking(() -> {
          directory().delete(account.id());
          return null;
        }))
        .onSuccess(deleted -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private void rotate(RoutingContext ctx) {
    managedAccount(ctx)
        .compose(account -> blocking(() -> directory().rotate(account.id())))
        .onSuccess(rotated -> ctx.response()
            .putHeader("Cache-Control", "no-store")
            .putHeader("Content-Type", "application/json")
            .end(rotated.toJson(tokenEndpoint).encode()))
        .onFailure(ctx::fail);
  }

  private void setEnabled(RoutingContext ctx, boolean enabled) {
    managedAccount(ctx)
        .compose(account -> blocking(() -> directory().setEnabled(account.id(), enabled)))
        .onSuccess(account -> ctx.json(account.toJson()))
        .onFailure(ctx::fail);
  }

  /** The account named in the path, once the caller is known to manage its domain. */
  private Future<ServiceAccount> managedAccount(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    String id = ctx.pathParam("id");
    if (!id.startsWith(ServiceAccount.PREFIX)) {
      return Future.failedFuture(new NotFoundException("No service account " + id));
    }
    return blocking(() -> directory().get(id)).map(account -> {
      requireManager(caller, account.domain());
      return account;
    });
  }

  private static boolean mayManage(Caller caller, String domain) {
    return caller.administers(domain);
  }

  private static void requireManager(Caller caller, String domain) {
    if (!mayManage(caller, domain)) {
      throw new ForbiddenException("Only a mesh-admin, or a domain-owner of domain " + domain
          + ", may manage its service accounts");
    }
  }

  private ServiceAccountDirectory directory() {
    if (directory == null) {
      throw new UnavailableException("Identity administration is not configured on this node"
          + " (MESHWORK_ADMIN_CLIENT_SECRET, the secret of the realm's administration client)");
    }
    return directory;
  }

  /** Keycloak's admin client blocks: run on a worker thread, unordered so calls do not queue behind each other. */
  private <T> Future<T> blocking(Callable<T> call) {
    return vertx.executeBlocking(call, false);
  }
}
