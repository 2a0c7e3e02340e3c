package io.meshwork.access;

import io.meshwork.access.pdp.Principal;
import io.meshwork.access.pdp.Subject;
import io.meshwork.runtime.auth.Caller;

/** Reads a verified caller as the decision point's subject. */
public final class CallerSubject {

  /** Keycloak names the user behind a client's service account "service-account-&lt;client id&gt;". */
  private static final String SERVICE_ACCOUNT_PREFIX = "service-account-";

  private CallerSubject() {}

  public static Subject of(Caller caller) {
    return new Subject(caller.subject(), isServiceAccount(caller), caller.groups(), caller.roles(), caller.identityProvider());
  }

  /** The principal a request by this caller is for: the user, or the service account. */
  public static Principal principal(Caller caller) {
    return new Principal(isServiceAccount(caller) ? Principal.Kind.SERVICE_ACCOUNT : Principal.Kind.USER, caller.subject());
  }

  private static boolean isServiceAccount(Caller caller) {
    return caller.username().startsWith(SERVICE_ACCOUNT_PREFIX);
  }
}
