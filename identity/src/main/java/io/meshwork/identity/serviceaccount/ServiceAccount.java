package io.meshwork.identity.serviceaccount;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.TreeSet;

/**
 * A service account as the API shows it: the Keycloak client id (also its id in the API), the
 * domain and name it was created for, its realm roles, and whether it may get tokens. Never the
 * secret: that is returned once, by create and rotate, beside this.
 */
public record ServiceAccount(String id, String domain, String name, String description, Set<String> roles, boolean enabled) {

  static final String PREFIX = "sa-";

  public ServiceAccount {
    roles = Set.copyOf(roles);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("clientId", id)
        .put("domain", domain)
        .put("name", name)
        .put("description", description)
        .put("roles", new JsonArray(new TreeSet<>(roles).stream().toList()))
        .put("enabled", enabled);
  }

  /** What create and rotate return: the account, and its secret this one time. */
  public record WithSecret(ServiceAccount account, String secret) {

    public JsonObject toJson(String tokenEndpoint) {
      return account.toJson().put("secret", secret).put("tokenEndpoint", tokenEndpoint);
    }

    @Override
    public String toString() {
      return "WithSecret[account=" + account + ", secret=***]";
    }
  }
}
