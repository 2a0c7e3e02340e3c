package io.meshwork.identity;

import io.meshwork.identity.realm.ProvisionReport;
import io.meshwork.identity.realm.RealmProvisioner;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.io.PrintStream;
import java.util.Map;

/**
 * Command line of the identity module: {@code java -jar meshwork-identity.jar apply} provisions the
 * meshwork realm (see {@link IdentityConfig} for the environment it reads). Prints what it created
 * or updated, never a secret; exits 1 with one line on stderr when it fails, 2 on wrong usage.
 */
public final class IdentityMain {

  private IdentityMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (args.length != 1 || !"apply".equals(args[0])) {
      err.println("usage: meshwork-identity apply   (configured by MESHWORK_KEYCLOAK_URL, MESHWORK_KEYCLOAK_ADMIN,"
          + " MESHWORK_KEYCLOAK_ADMIN_PASSWORD, MESHWORK_REALM, MESHWORK_PORTAL_CLIENT_SECRET, MESHWORK_PORTAL_URL,"
          + " MESHWORK_DEMO_USERS, MESHWORK_ADMIN_CLIENT_SECRET)");
      return 2;
    }
    IdentityConfig config;
    try {
      config = IdentityConfig.fromEnvironment(env);
    } catch (IllegalArgumentException e) {
      err.println("meshwork-identity: " + e.getMessage());
      return 2;
    }
    try (RealmProvisioner provisioner = RealmProvisioner.connect(config.keycloakUrl(), config.adminUser(), config.adminPassword())) {
      ProvisionReport report = provisioner.apply(config.realm());
      out.println("realm " + report.realm() + " at " + config.keycloakUrl() + ":");
      report.lines().forEach(line -> out.println("  " + line));
      return 0;
    } catch (RuntimeException e) {
      err.println("meshwork-identity: " + describe(e, config));
      return 1;
    }
  }

  /** One line a person can act on; exception messages of the HTTP stack never contain our secrets. */
  private static String describe(RuntimeException e, IdentityConfig config) {
    WebApplicationException web = firstWebFailure(e);
    // The admin client fetches its token lazily and wraps the token endpoint's refusal (400
    // invalid_grant, or 401) in a ProcessingException; a 401 later on means the same thing.
    boolean tokenRefused = e instanceof ProcessingException && web != null
        && (web.getResponse().getStatus() == 400 || web.getResponse().getStatus() == 401);
    if (tokenRefused || e instanceof NotAuthorizedException) {
      return "Keycloak at " + config.keycloakUrl() + " refused the admin credentials of user '" + config.adminUser()
          + "' in realm master: check MESHWORK_KEYCLOAK_ADMIN / MESHWORK_KEYCLOAK_ADMIN_PASSWORD";
    }
    if (web != null) {
      return "Keycloak at " + config.keycloakUrl() + " answered HTTP " + web.getResponse().getStatus()
          + " while applying realm " + config.realm().realm() + ": " + web.getMessage();
    }
    if (e instanceof ProcessingException) {
      Throwable cause = e;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      return "cannot reach Keycloak at " + config.keycloakUrl() + " (" + cause.getClass().getSimpleName()
          + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")";
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  private static WebApplicationException firstWebFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof WebApplicationException web) {
        return web;
      }
    }
    return null;
  }
}
