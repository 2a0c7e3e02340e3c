package io.meshwork.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwork.access.pdp.Principal;
import io.meshwork.access.pdp.Subject;
import io.meshwork.runtime.auth.Caller;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallerSubjectTest {

  @Test
  void aFederatedUserKeepsTheirIdentityProvider() {
    Caller federated = Caller.fromClaims(new JsonObject()
        .put("sub", "u-1").put("preferred_username", "acme.dora")
        .put("realm_access", new JsonObject().put("roles", new JsonArray().add("data-consumer")))
        .put("groups", new JsonArray().add("/teams/analysts"))
        .put("identity_provider", "acme"));

    Subject subject = CallerSubject.of(federated);

    assertThat(subject.identityProvider()).isEqualTo("acme");
    assertThat(subject.groups()).containsExactly("/teams/analysts");
    assertThat(CallerSubject.principal(federated)).isEqualTo(new Principal(Principal.Kind.USER, "u-1"));
  }

  @Test
  void serviceAccountsAreTheirOwnKindOfPrincipal() {
    Caller pipeline = new Caller("sa-1", "service-account-sa-orders-loader", Set.of("domain-owner"), Set.of("/domains/orders"));

    assertThat(CallerSubject.of(pipeline).serviceAccount()).isTrue();
    assertThat(CallerSubject.principal(pipeline).kind()).isEqualTo(Principal.Kind.SERVICE_ACCOUNT);
    assertThat(CallerSubject.of(pipeline).identityProvider()).isNull();
  }
}
