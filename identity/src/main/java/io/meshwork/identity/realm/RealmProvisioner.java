package io.meshwork.identity.realm;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.admin.client.resource.ProtocolMappersResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Applies the {@link RealmDefinition} to a Keycloak server through its admin REST API, idempotently:
 * creates the realm if absent, otherwise creates what is missing and brings the settings the
 * definition owns (realm lifespans, client flows, redirect URIs, secret, mapper configuration) back
 * to the definition. Applying twice changes nothing the second time. It never deletes users, roles,
 * groups or clients, and never touches an existing user's profile or password — only adds the
 * demo users' missing role and group grants.
 *
 * <p>Every call blocks on HTTP: keep it off event-loop threads.
 */
public final class RealmProvisioner implements AutoCloseable {

  private final Keycloak keycloak;
  private final boolean ownsClient;

  /** Uses an admin client the caller owns (and closes). */
  public RealmProvisioner(Keycloak keycloak) {
    this(keycloak, false);
  }

  private RealmProvisioner(Keycloak keycloak, boolean ownsClient) {
    this.keycloak = keycloak;
    this.ownsClient = ownsClient;
  }

  /**
   * Connects as an administrator of the {@code master} realm (user + password through
   * {@code admin-cli}); {@link #close()} closes the connection.
   */
  public static RealmProvisioner connect(URI keycloakUrl, String adminUser, String adminPassword) {
    Keycloak keycloak = KeycloakBuilder.builder()
        .serverUrl(keycloakUrl.toString())
        .realm("master")
        .clientId("admin-cli")
        .username(adminUser)
        .password(adminPassword)
        .build();
    return new RealmProvisioner(keycloak, true);
  }

  /** Creates or updates the realm described by {@code settings}; see the class comment. */
  public ProvisionReport apply(RealmSettings settings) {
    RealmRepresentation desired = RealmDefinition.of(settings);
    Changes changes = new Changes();
    RealmResource realm = ensureRealm(desired, changes);
    for (RoleRepresentation role : desired.getRoles().getRealm()) {
      ensureRole(realm, role, changes);
    }
    for (GroupRepresentation group : desired.getGroups()) {
      ensureGroup(realm, null, "", group, changes);
    }
    for (ClientRepresentation client : desired.getClients()) {
      ensureClient(realm, client, changes);
    }
    if (desired.getUsers() != null) {
      for (UserRepresentation user : desired.getUsers()) {
        if (user.getServiceAccountClientId() != null) {
          ensureServiceAccountRoles(realm, user, changes);
        } else {
          ensureUser(realm, user, changes);
        }
      }
    }
    return new ProvisionReport(settings.realm(), changes.created, changes.updated);
  }

  /** Removes the whole realm, users included (tests clean up with this). False if it did not exist. */
  public boolean deleteRealm(String realmName) {
    try {
      keycloak.realm(realmName).remove();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  @Override
  public void close() {
    if (ownsClient) {
      keycloak.close();
    }
  }

  private RealmResource ensureRealm(RealmRepresentation desired, Changes changes) {
    RealmRepresentation settings = Overlay.copy(desired, RealmRepresentation.class);
    settings.setRoles(null);
    settings.setGroups(null);
    settings.setClients(null);
    settings.setUsers(null);
    RealmResource realm = keycloak.realm(desired.getRealm());
    RealmRepresentation existing = findOrNull(realm::toRepresentation);
    if (existing == null) {
      // Only the realm's own settings: everything else goes through the same ensure* steps as an
      // update, so the report is exact and there is one code path to get right.
      keycloak.realms().create(settings);
      changes.created("realm " + desired.getRealm());
      return realm;
    }
    List<String> fields = Overlay.differingFields(existing, settings);
    if (!fields.isEmpty()) {
      realm.update(Overlay.merge(existing, settings, RealmRepresentation.class));
      changes.updated("realm " + desired.getRealm(), fields);
    }
    return realm;
  }

  private void ensureRole(RealmResource realm, RoleRepresentation desired, Changes changes) {
    RoleRepresentation existing = findOrNull(() -> realm.roles().get(desired.getName()).toRepresentation());
    if (existing == null) {
      realm.roles().create(new RoleRepresentation(desired.getName(), desired.getDescription(), false));
      changes.created("role " + desired.getName());
    } else if (!java.util.Objects.equals(existing.getDescription(), desired.getDescription())) {
      existing.setDescription(desired.getDescription());
      realm.roles().get(desired.getName()).update(existing);
      changes.updated("role " + desired.getName(), List.of("description"));
    }
  }

  private void ensureGroup(RealmResource realm, String parentId, String parentPath, GroupRepresentation desired,
      Changes changes) {
    String path = parentPath + "/" + desired.getName();
    GroupRepresentation existing = findOrNull(() -> realm.getGroupByPath(path));
    String id;
    if (existing != null) {
      id = existing.getId();
    } else {
      GroupRepresentation group = new GroupRepresentation();
      group.setName(desired.getName());
      try (Response response = parentId == null ? realm.groups().add(group) : realm.groups().group(parentId).subGroup(group)) {
        id = createdId(response, "group " + path);
      }
      changes.created("group " + path);
    }
    if (desired.getSubGroups() != null) {
      for (GroupRepresentation sub : desired.getSubGroups()) {
        ensureGroup(realm, id, path, sub, changes);
      }
    }
  }

  private void ensureClient(RealmResource realm, ClientRepresentation desired, Changes changes) {
    String clientId = desired.getClientId();
    List<ProtocolMapperRepresentation> mappers = desired.getProtocolMappers() == null ? List.of() : desired.getProtocolMappers();
    ClientRepresentation settings = Overlay.copy(desired, ClientRepresentation.class);
    settings.setProtocolMappers(null);

    List<ClientRepresentation> found = realm.clients().findByClientId(clientId);
    String id;
    if (found.isEmpty()) {
      try (Response response = realm.clients().create(settings)) {
        id = createdId(response, "client " + clientId);
      }
      changes.created("client " + clientId);
    } else {
      ClientRepresentation existing = found.get(0);
      id = existing.getId();
      List<String> fields = Overlay.differingFields(existing, settings);
      if (!fields.isEmpty()) {
        ClientRepresentation merged = Overlay.merge(existing, settings, ClientRepresentation.class);
        merged.setProtocolMappers(null);
        realm.clients().get(id).update(merged);
        changes.updated("client " + clientId, fields);
      }
    }
    ensureMappers(realm.clients().get(id), clientId, mappers, changes);
  }

  private void ensureMappers(ClientResource client, String clientId, List<ProtocolMapperRepresentation> desired,
      Changes changes) {
    ProtocolMappersResource resource = client.getProtocolMappers();
    Map<String, ProtocolMapperRepresentation> existing = resource.getMappers().stream()
        .collect(Collectors.toMap(ProtocolMapperRepresentation::getName, m -> m, (a, b) -> a));
    for (ProtocolMapperRepresentation want : desired) {
      String what = "mapper " + clientId + "/" + want.getName();
      ProtocolMapperRepresentation have = existing.get(want.getName());
      if (have != null && !have.getProtocolMapper().equals(want.getProtocolMapper())) {
        // A mapper's type cannot be changed in place; ours has the same name, so replace it.
        resource.delete(have.getId());
        have = null;
      }
      if (have == null) {
        try (Response response = resource.createMapper(want)) {
          createdId(response, what);
        }
        changes.created(what);
      } else if (!Overlay.differingFields(have, want).isEmpty()) {
        ProtocolMapperRepresentation merged = Overlay.merge(have, want, ProtocolMapperRepresentation.class);
        resource.update(have.getId(), merged);
        changes.updated(what, Overlay.differingFields(have, want));
      }
    }
  }

  private void ensureUser(RealmResource realm, UserRepresentation desired, Changes changes) {
    String username = desired.getUsername();
    List<UserRepresentation> found = realm.users().searchByUsername(username, true);
    String id;
    if (found.isEmpty()) {
      UserRepresentation user = new UserRepresentation();
      user.setUsername(username);
      user.setFirstName(desired.getFirstName());
      user.setLastName(desired.getLastName());
      user.setEmail(desired.getEmail());
      user.setEmailVerified(desired.isEmailVerified());
      user.setEnabled(desired.isEnabled());
      user.setCredentials(desired.getCredentials());
      try (Response response = realm.users().create(user)) {
        id = createdId(response, "user " + username);
      }
      changes.created("user " + username);
    } else {
      id = found.get(0).getId();
    }
    UserResource user = realm.users().get(id);

    Set<String> roles = user.roles().realmLevel().listAll().stream().map(RoleRepresentation::getName).collect(Collectors.toSet());
    List<RoleRepresentation> missingRoles = new ArrayList<>();
    for (String role : nullToEmpty(desired.getRealmRoles())) {
      if (!roles.contains(role)) {
        missingRoles.add(realm.roles().get(role).toRepresentation());
        changes.created("role " + role + " -> user " + username);
      }
    }
    if (!missingRoles.isEmpty()) {
      user.roles().realmLevel().add(missingRoles);
    }

    Set<String> groups = user.groups().stream().map(GroupRepresentation::getPath).collect(Collectors.toSet());
    for (String path : nullToEmpty(desired.getGroups())) {
      if (!groups.contains(path)) {
        user.joinGroup(realm.getGroupByPath(path).getId());
        changes.created("member " + username + " of " + path);
      }
    }
  }

  /** Grants a client's service-account user the client roles the definition lists (e.g. realm-management ones). */
  private void ensureServiceAccountRoles(RealmResource realm, UserRepresentation desired, Changes changes) {
    String clientId = desired.getServiceAccountClientId();
    String clientUuid = realm.clients().findByClientId(clientId).get(0).getId();
    UserResource user = realm.users().get(realm.clients().get(clientUuid).getServiceAccountUser().getId());
    Map<String, List<String>> clientRoles = desired.getClientRoles() == null ? Map.of() : desired.getClientRoles();
    for (Map.Entry<String, List<String>> entry : clientRoles.entrySet()) {
      String roleClientUuid = realm.clients().findByClientId(entry.getKey()).get(0).getId();
      Set<String> have = user.roles().clientLevel(roleClientUuid).listAll().stream()
          .map(RoleRepresentation::getName).collect(Collectors.toSet());
      List<RoleRepresentation> missing = new ArrayList<>();
      for (String role : entry.getValue()) {
        if (!have.contains(role)) {
          missing.add(realm.clients().get(roleClientUuid).roles().get(role).toRepresentation());
          changes.created("role " + entry.getKey() + "/" + role + " -> service account " + clientId);
        }
      }
      if (!missing.isEmpty()) {
        user.roles().clientLevel(roleClientUuid).add(missing);
      }
    }
  }

  private static <T> List<T> nullToEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static <T> T findOrNull(java.util.function.Supplier<T> lookup) {
    try {
      return lookup.get();
    } catch (NotFoundException e) {
      return null;
    }
  }

  /** The id Keycloak assigned (last segment of Location), or a failure naming what could not be created. */
  private static String createdId(Response response, String what) {
    if (response.getStatus() != 201) {
      throw new ProvisioningException("could not create " + what + ": HTTP " + response.getStatus()
          + " " + response.getStatusInfo().getReasonPhrase());
    }
    String path = response.getLocation().getPath();
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** Keycloak refused a change the definition needs. */
  public static final class ProvisioningException extends RuntimeException {
    public ProvisioningException(String message) {
      super(message);
    }
  }

  private static final class Changes {
    final List<String> created = new ArrayList<>();
    final List<String> updated = new ArrayList<>();

    void created(String item) {
      created.add(item);
    }

    void updated(String item, List<String> fields) {
      updated.add(item + " " + fields);
    }
  }
}
