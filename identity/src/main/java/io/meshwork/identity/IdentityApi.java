package io.meshwork.identity;

import io.meshwork.identity.federation.FederationRoutes;
import io.meshwork.identity.federation.ProviderDirectory;
import io.meshwork.identity.serviceaccount.ServiceAccountDirectory;
import io.meshwork.identity.serviceaccount.ServiceAccountRoutes;
import io.meshwork.identity.user.UserDirectory;
import io.meshwork.identity.user.UserRoutes;
import io.meshwork.model.error.UnavailableException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.Optional;
import org.keycloak.admin.client.Keycloak;

/**
 * Composition root of the identity API a mesh node serves (service accounts, identity-provider
 * federation, users and domain groups): the
 * Keycloak admin connection → directories → routes. Without admin credentials the routes still
 * exist and answer 503, so the API and its documentation do not depend on configuration.
 */
public final class IdentityApi implements AutoCloseable {

  public static final String OPENAPI = "openapi/identity.json";

  private final Vertx vertx;
  private final Keycloak keycloak;
  private final UserDirectory userDirectory;
  private final ServiceAccountRoutes serviceAccounts;
  private final FederationRoutes federation;
  private final UserRoutes users;

  /**
   * @param issuer   the realm's issuer, {@code <keycloak>/realms/<realm>}
   * @param audience the node's audience, put into every service account's tokens
   */
  public IdentityApi(Vertx vertx, Optional<KeycloakAdminCredentials> admin, String realm, String issuer, String audience) {
    this.vertx = vertx;
    this.keycloak = admin.map(KeycloakAdminCredentials::connect).orElse(null);
    ServiceAccountDirectory directory = keycloak == null ? null : new ServiceAccountDirectory(keycloak, realm, audience);
    this.serviceAccounts = new ServiceAccountRoutes(vertx, directory, issuer + "/protocol/openid-connect/token");
    ProviderDirectory providers = keycloak == null ? null : new ProviderDirectory(keycloak, realm, issuer);
    WebClient http = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5_000).setFollowRedirects(false));
    this.federation = new FederationRoutes(vertx, providers, http);
    this.userDirectory = keycloak == null ? null : new UserDirectory(keycloak, realm);
    this.users = new UserRoutes(vertx, userDirectory);
  }

  /** Whether this node administers its realm (it was given the admin client's credentials). */
  public boolean administersRealm() {
    return keycloak != null;
  }

  /**
   * Creates {@code /domains/<domain>} with {@code owners} and {@code members} where missing, on a
   * worker thread; for the catalog, when a domain is created. Fails "unavailable" without admin
   * credentials or with Keycloak down.
   */
  public Future<Void> ensureDomainGroups(String domain) {
    if (userDirectory == null) {
      return Future.failedFuture(new UnavailableException("Identity administration is not configured on this node"));
    }
    return vertx.executeBlocking(() -> userDirectory.createDomain(domain), false).mapEmpty();
  }

  /** The routes that need no token (the sign-in providers): mount them before the bearer-token handler. */
  public void mountPublic(Router router) {
    federation.mountPublic(router);
  }

  public void mount(Router router) {
    serviceAccounts.mount(router);
    federation.mount(router);
    users.mount(router);
  }

  @Override
  public void close() {
    if (keycloak != null) {
      keycloak.close();
    }
  }
}
