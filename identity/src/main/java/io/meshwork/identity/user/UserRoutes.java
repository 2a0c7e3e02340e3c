package io.meshwork.identity.user;

import io.meshwork.model.error.ForbiddenException;
import io.meshwork.model.error.UnavailableException;
import io.meshwork.runtime.auth.Caller;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;

/**
 * HTTP edge of users and domain groups, {@value #USERS} and {@value #DOMAINS}: who may do what,
 * parsing, status codes. A mesh-admin does everything; a domain-owner may put users into and take
 * them out of the groups of the domains they belong to, nothing else; anyone in a domain may list
 * its owners and members. The Keycloak calls run on
 * worker threads.
 */
public final class UserRoutes {

  public static final String USERS = "/api/v1/identity/users";
  public static final String DOMAINS = "/api/v1/identity/domains";

  private final Vertx vertx;
  private final UserDirectory directory;

  /** {@code directory} null: the node has no Keycloak admin credentials, and every route answers 503. */
  public UserRoutes(Vertx vertx, UserDirectory directory) {
    this.vertx = vertx;
    this.directory = directory;
  }

  public void mount(Router router) {
    router.get(USERS).handler(this::search);
    router.get(USERS + "/:username").handler(this::get);
    router.put(USERS + "/:username/roles/:role").handler(ctx -> setRole(ctx, true));
    router.delete(USERS + "/:username/roles/:role").handler(ctx -> setRole(ctx, false));
    router.put(USERS + "/:username/groups").handler(ctx -> setGroup(ctx, true));
    router.delete(USERS + "/:username/groups").handler(ctx -> setGroup(ctx, false));
    router.post(USERS + "/:username/disable").handler(ctx -> setEnabled(ctx, false));
    router.post(USERS + "/:username/enable").handler(ctx -> setEnabled(ctx, true));
    router.put(DOMAINS + "/:domain").handler(this::createDomain);
    router.get(DOMAINS + "/:domain/members").handler(this::members);
  }

  private void search(RoutingContext ctx) {
    requireAdmin(ctx);
    UserRequests.Page page = UserRequests.page(ctx.queryParams().get("first"), ctx.queryParams().get("max"));
    String search = ctx.queryParams().get("search");
    blocking(() -> directory().search(search == null || search.isBlank() ? null : search.trim(), page.first(), page.max()))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    requireAdmin(ctx);
    String username = ctx.pathParam("username");
    blocking(() -> directory().get(username)).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void setRole(RoutingContext ctx, boolean granted) {
    requireAdmin(ctx);
    String role = UserRequests.role(ctx.pathParam("role"));
    String username = ctx.pathParam("username");
    done(ctx, blocking(() -> {
      directory().setRole(username, role, granted);
      return null;
    }));
  }

  private void setGroup(RoutingContext ctx, boolean member) {
    Caller caller = Caller.of(ctx);
    UserRequests.DomainGroup group = UserRequests.domainGroup(ctx.queryParams().get("path"));
    if (!caller.administers(group.domain())) {
      throw new ForbiddenException("Only a mesh-admin, or a domain-owner of domain " + group.domain()
          + ", may manage the membership of " + group.path());
    }
    String username = ctx.pathParam("username");
    done(ctx, blocking(() -> {
      directory().setGroup(username, group.path(), member);
      return null;
    }));
  }

  private void setEnabled(RoutingContext ctx, boolean enabled) {
    requireAdmin(ctx);
    String username = ctx.pathParam("username");
    done(ctx, blocking(() -> {
      directory().setEnabled(username, enabled);
      return null;
    }));
  }

  /** Who owns and who belongs to a domain: for the domain's own people (any role) and mesh admins. */
  private void members(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    String domain = UserRequests.domain(ctx.pathParam("domain"));
    if (!caller.hasRole(Caller.MESH_ADMIN) && !caller.inDomain(domain)) {
      throw new ForbiddenException("Only a mesh-admin, or someone in domain " + domain + ", may list its owners and members");
    }
    blocking(() -> directory().members(domain)).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void createDomain(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    if (!caller.hasRole(Caller.MESH_ADMIN)) {
      throw new ForbiddenException("Only a mesh-admin may create domains");
    }
    String domain = UserRequests.domain(ctx.pathParam("domain"));
    blocking(() -> directory().createDomain(domain))
        .onSuccess(created -> {
          String path = "/domains/" + domain;
          ctx.response().setStatusCode(created ? 201 : 200);
          ctx.json(new JsonObject().put("domain", domain)
              .put("groups", new JsonArray().add(path).add(path + "/owners").add(path + "/members")));
        })
        .onFailure(ctx::fail);
  }

  private static void done(RoutingContext ctx, Future<Void> action) {
    action.onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  private static void requireAdmin(RoutingContext ctx) {
    if (!Caller.of(ctx).hasRole(Caller.MESH_ADMIN)) {
      throw new ForbiddenException("Only a mesh-admin may administer users");
    }
  }

  private UserDirectory directory() {
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
