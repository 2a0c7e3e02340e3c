package io.meshwork.identity.realm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.util.JsonSerialization;

/**
 * The meshwork realm as a Keycloak {@link RealmRepresentation}: the versioned resource
 * {@value #REALM_RESOURCE} (roles, groups, clients, mappers, token and session lifespans) with the
 * values of one {@link RealmSettings} filled in, plus {@value #DEMO_USERS_RESOURCE} when demo users
 * are wanted. The resources name the clients by their default ids; those are replaced here, so the
 * result is complete and could also be imported with {@code kc.sh import}.
 */
public final class RealmDefinition {

  static final String REALM_RESOURCE = "/realm/meshwork-realm.json";
  static final String DEMO_USERS_RESOURCE = "/realm/demo-users.json";

  private static final String AUDIENCE_MAPPER = "oidc-audience-mapper";

  private RealmDefinition() {}

  /** A fresh representation on every call: callers may modify it. */
  public static RealmRepresentation of(RealmSettings settings) {
    RealmRepresentation realm = read(REALM_RESOURCE);
    realm.setRealm(settings.realm());

    Map<String, String> clientIds = Map.of(
        RealmSettings.DEFAULT_NODE_AUDIENCE, settings.nodeAudience(),
        RealmSettings.DEFAULT_PORTAL_CLIENT_ID, settings.portalClientId(),
        RealmSettings.DEFAULT_CLI_CLIENT_ID, settings.cliClientId());
    for (ClientRepresentation client : realm.getClients()) {
      String templateId = client.getClientId();
      client.setClientId(clientIds.getOrDefault(templateId, templateId));
      if (RealmSettings.DEFAULT_PORTAL_CLIENT_ID.equals(templateId)) {
        fillPortal(client, settings);
      }
      if (client.getProtocolMappers() != null) {
        for (ProtocolMapperRepresentation mapper : client.getProtocolMappers()) {
          if (AUDIENCE_MAPPER.equals(mapper.getProtocolMapper())) {
            mapper.getConfig().put("included.client.audience", settings.nodeAudience());
          }
        }
      }
    }

    // The resource's users are the administration client's service account (its realm-management roles)
    List<UserRepresentation> users = new ArrayList<>();
    if (settings.adminClientSecret() == null) {
      realm.getClients().removeIf(c -> RealmSettings.ADMIN_CLIENT_ID.equals(c.getClientId()));
    } else {
      realm.getClients().stream().filter(c -> RealmSettings.ADMIN_CLIENT_ID.equals(c.getClientId()))
          .forEach(c -> c.setSecret(settings.adminClientSecret()));
      users.addAll(realm.getUsers() == null ? List.of() : realm.getUsers());
    }
    if (settings.demoUsers()) {
      users.addAll(read(DEMO_USERS_RESOURCE).getUsers());
    }
    realm.setUsers(users.isEmpty() ? null : users);
    return realm;
  }

  private static void fillPortal(ClientRepresentation portal, RealmSettings settings) {
    List<String> bases = settings.portalBaseUrls();
    portal.setSecret(settings.portalClientSecret());
    // Spring Security's default redirect for a registration named "keycloak".
    portal.setRedirectUris(bases.stream().map(base -> base + "/login/oauth2/code/keycloak").toList());
    portal.setWebOrigins(new ArrayList<>(bases));
    Map<String, String> attributes = new HashMap<>(portal.getAttributes());
    // Keycloak keeps several post-logout redirect URIs in one attribute, separated by "##".
    attributes.put("post.logout.redirect.uris", String.join("##", bases.stream().map(base -> base + "/*").toList()));
    portal.setAttributes(attributes);
  }

  private static RealmRepresentation read(String resource) {
    try (InputStream in = RealmDefinition.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return JsonSerialization.readValue(in, RealmRepresentation.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
