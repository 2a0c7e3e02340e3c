package io.meshwork.identity.user;

import static io.meshwork.identity.KeycloakCalls.call;

import io.meshwork.model.error.NotFoundException;
import io.meshwork.runtime.auth.Caller;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.GroupResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The realm's people, where they live: in Keycloak. Search, a user's Meshwork roles, domain groups
 * and identity-provider links, role and group assignment, disable and enable, and the creation of a
 * domain's groups. Meshwork keeps no copy.
 *
 * <p>Every method blocks on Keycloak's admin API: call it from a worker thread. Failures arrive as
 * the Meshwork error kinds (not found, unavailable).
 */
public final class UserDirectory {

  private static final Logger LOG = LoggerFactory.getLogger(UserDirectory.class);

  /** A domain group listing stops here: more people than this in one domain group is not a case the portal pages through. */
  static final int MAX_GROUP_LISTED = 1000;

  private final Keycloak keycloak;
  private final String realm;

  public UserDirectory(Keycloak keycloak, String realm) {
    this.keycloak = keycloak;
    this.realm = realm;
  }

  /** One page of users whose username, name or email matches {@code search} (all when null). */
  public JsonObject search(String search, int first, int max) {
    return call(() -> {
      RealmResource realm = realm();
      List<UserRepresentation> users = realm.users().search(search, first, max, true);
      JsonArray items = new JsonArray();
      users.forEach(u -> items.add(summary(u)));
      return new JsonObject().put("items", items).put("first", first).put("max", max)
          .put("total", realm.users().count(search));
    });
  }

  /** A user with their Meshwork realm roles, groups and identity-provider links. */
  public JsonObject get(String username) {
    return call(() -> {
      RealmResource realm = realm();
      UserRepresentation user = find(realm, username);
      UserResource resource = realm.users().get(user.getId());
      JsonArray roles = new JsonArray();
      resource.roles().realmLevel().listAll().stream().map(RoleRepresentation::getName)
          .filter(UserRequests.ROLES::contains).sorted().forEach(roles::add);
      JsonArray groups = new JsonArray();
      resource.groups().stream().map(GroupRepresentation::getPath).sorted().forEach(groups::add);
      JsonArray links = new JsonArray();
      resource.getFederatedIdentity().forEach(link -> links.add(new JsonObject()
          .put("identityProvider", link.getIdentityProvider())
          .put("userId", link.getUserId())
          .put("username", link.getUserName())));
      return summary(user).put("roles", roles).put("groups", groups).put("identityProviderLinks", links);
    });
  }

  /** Gives or takes one of the Meshwork realm roles; doing it twice changes nothing. */
  public void setRole(String username, String role, boolean granted) {
    call(() -> {
      RealmResource realm = realm();
      UserResource user = realm.users().get(find(realm, username).getId());
      RoleRepresentation representation = realm.roles().get(role).toRepresentation();
      if (granted) {
        user.roles().realmLevel().add(List.of(representation));
      } else {
        user.roles().realmLevel().remove(List.of(representation));
      }
      LOG.info("{} realm role {} {} user {}", granted ? "granted" : "removed", role, granted ? "to" : "from", username);
      return null;
    });
  }

  /** Puts the user into a domain group or takes them out; doing it twice changes nothing. */
  public void setGroup(String username, String path, boolean member) {
    call(() -> {
      RealmResource realm = realm();
      UserResource user = realm.users().get(find(realm, username).getId());
      GroupRepresentation group = group(realm, path);
      if (member) {
        user.joinGroup(group.getId());
      } else {
        user.leaveGroup(group.getId());
      }
      LOG.info("{} user {} {} group {}", member ? "added" : "removed", username, member ? "to" : "from", path);
      return null;
    });
  }

  /** A disabled user can sign in no more; tokens already issued stay valid until they expire. */
  public void setEnabled(String username, boolean enabled) {
    call(() -> {
      RealmResource realm = realm();
      UserRepresentation user = find(realm, username);
      if (!Boolean.valueOf(enabled).equals(user.isEnabled())) {
        user.setEnabled(enabled);
        realm.users().get(user.getId()).update(user);
        LOG.info("{} user {}", enabled ? "enabled" : "disabled", username);
      }
      return null;
    });
  }

  /**
   * Creates {@code /domains/<domain>} with its subgroups {@code owners} and {@code members}, each
   * only if missing. Returns whether anything was created.
   */
  public boolean createDomain(String domain) {
    return call(() -> {
      RealmResource realm = realm();
      boolean created = false;
      GroupRepresentation domains = group(realm, "/domains");
      GroupRepresentation group = child(realm, "/domains/" + domain);
      if (group == null) {
        group = createChild(realm, domains, domain);
        created = true;
      }
      String path = "/domains/" + domain;
      for (String sub : List.of("owners", "members")) {
        if (child(realm, path + "/" + sub) == null) {
          createChild(realm, group, sub);
          created = true;
        }
      }
      if (created) {
        LOG.info("created the groups of domain {}", domain);
      }
      return created;
    });
  }

  /**
   * The people of a domain, by user name: its {@code owners} — in {@code /domains/<d>/owners}, or in
   * {@code /domains/<d>} itself with the {@code domain-owner} role (how the demo realm and older
   * realms give ownership) — and its {@code members}, everyone else in its groups. Each says the
   * group that puts them there and whether they hold the {@code domain-owner} role, without which an
   * owners-group member cannot act as an owner. At most {@value #MAX_GROUP_LISTED} per group.
   */
  public JsonObject members(String domain) {
    return call(() -> {
      RealmResource realm = realm();
      String path = "/domains/" + domain;
      GroupRepresentation top = group(realm, path);
      java.util.Set<String> roleHolders = new java.util.HashSet<>();
      realm.roles().get(Caller.DOMAIN_OWNER).getUserMembers(0, MAX_GROUP_LISTED).forEach(u -> roleHolders.add(u.getId()));
      JsonArray owners = new JsonArray();
      JsonArray members = new JsonArray();
      java.util.Map<String, GroupRepresentation> groups = new java.util.LinkedHashMap<>();
      groups.put(path, top);
      groups.put(path + "/owners", child(realm, path + "/owners"));
      groups.put(path + "/members", child(realm, path + "/members"));
      groups.forEach((groupPath, group) -> {
        if (group == null) {
          return;
        }
        realm.groups().group(group.getId()).members(0, MAX_GROUP_LISTED).stream()
            .sorted(java.util.Comparator.comparing(UserRepresentation::getUsername))
            .forEach(u -> {
              boolean role = roleHolders.contains(u.getId());
              JsonObject person = summary(u).put("group", groupPath).put("domainOwnerRole", role);
              boolean owner = groupPath.endsWith("/owners") || (groupPath.equals(path) && role);
              (owner ? owners : members).add(person);
            });
      });
      return new JsonObject().put("domain", domain).put("owners", owners).put("members", members);
    });
  }

  private RealmResource realm() {
    return keycloak.realm(realm);
  }

  private static UserRepresentation find(RealmResource realm, String username) {
    return realm.users().search(username, true).stream()
        .filter(u -> username.equalsIgnoreCase(u.getUsername()))
        .findFirst()
        .orElseThrow(() -> new NotFoundException("No user " + username));
  }

  private static GroupRepresentation group(RealmResource realm, String path) {
    try {
      return realm.getGroupByPath(path);
    } catch (jakarta.ws.rs.NotFoundException e) {
      throw new NotFoundException("No group " + path + " in the realm");
    }
  }

  private static GroupRepresentation child(RealmResource realm, String path) {
    try {
      return realm.getGroupByPath(path);
    } catch (jakarta.ws.rs.NotFoundException e) {
      return null;
    }
  }

  private static GroupRepresentation createChild(RealmResource realm, GroupRepresentation parent, String name) {
    GroupRepresentation child = new GroupRepresentation();
    child.setName(name);
    GroupResource resource = realm.groups().group(parent.getId());
    try (Response response = resource.subGroup(child)) {
      if (response.getStatus() != 201 && response.getStatus() != 204 && response.getStatus() != 409) {
        throw new IllegalStateException("Keycloak refused group " + name + ": HTTP " + response.getStatus());
      }
    }
    return realm.getGroupByPath(parent.getPath() + "/" + name);
  }

  private static JsonObject summary(UserRepresentation user) {
    String name = String.join(" ", nonBlank(user.getFirstName(), user.getLastName()));
    return new JsonObject()
        .put("username", user.getUsername())
        .put("name", name)
        .put("email", user.getEmail())
        .put("enabled", Boolean.TRUE.equals(user.isEnabled()));
  }

  private static List<String> nonBlank(String... parts) {
    return java.util.Arrays.stream(parts).filter(p -> p != null && !p.isBlank()).toList();
  }
}
