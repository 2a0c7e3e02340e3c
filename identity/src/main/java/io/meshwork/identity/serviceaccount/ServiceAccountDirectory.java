package io.meshwork.identity.serviceaccount;

import static io.meshwork.identity.KeycloakCalls.call;

import io.meshwork.model.error.ConflictException;
import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.NotFoundException;
import io.meshwork.model.error.Violation;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Service accounts kept where they live: in Keycloak, as confidential clients with the service
 * account (client-credentials grant) enabled. Each one is named {@code sa-<domain>-<name>}, marked
 * with client attributes, carries the node audience, groups and realm-roles mappers, and its
 * service-account user holds the requested realm roles and membership of {@code /domains/<domain>}
 * — so its tokens look to the node exactly like a person's with the same roles and domain.
 *
 * <p>Every method blocks on Keycloak's admin API: call it from a worker thread. Failures arrive as
 * the Meshwork error kinds (not found, conflict, invalid, unavailable).
 */
public final class ServiceAccountDirectory {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceAccountDirectory.class);
  static final String KIND_ATTRIBUTE = "meshwork.kind";
  static final String KIND = "service-account";
  static final String DOMAIN_ATTRIBUTE = "meshwork.domain";
  static final String NAME_ATTRIBUTE = "meshwork.name";

  private final Keycloak keycloak;
  private final String realm;
  private final String audience;

  public ServiceAccountDirectory(Keycloak keycloak, String realm, String audience) {
    this.keycloak = keycloak;
    this.realm = realm;
    this.audience = audience;
  }

  public ServiceAccount.WithSecret create(ServiceAccountRequest request) {
    return call(() -> {
      RealmResource realm = realm();
      GroupRepresentation group = domainGroup(realm, request.domain())
          .orElseThrow(() -> new InvalidException("Unknown domain", List.of(new Violation("/domain",
              "no domain group /domains/" + request.domain() + " in the realm"))));
      if (!realm.clients().findByClientId(request.clientId()).isEmpty()) {
        throw new ConflictException("A service account " + request.clientId() + " already exists");
      }
      String id;
      try (Response response = realm.clients().create(client(request))) {
        if (response.getStatus() == 409) {
          throw new ConflictException("A service account " + request.clientId() + " already exists");
        }
        if (response.getStatus() != 201) {
          throw new IllegalStateException("Keycloak refused client " + request.clientId() + ": HTTP " + response.getStatus());
        }
        String path = response.getLocation().getPath();
        id = path.substring(path.lastIndexOf('/') + 1);
      }
      ClientResource client = realm.clients().get(id);
      try {
        UserResource user = realm.users().get(client.getServiceAccountUser().getId());
        List<RoleRepresentation> roles = request.roles().stream().map(r -> realm.roles().get(r).toRepresentation()).toList();
        user.roles().realmLevel().add(roles);
        user.joinGroup(group.getId());
        String secret = client.getSecret().getValue();
        LOG.info("created service account {} (domain {}, roles {})", request.clientId(), request.domain(), request.roles());
        return new ServiceAccount.WithSecret(account(realm, client.toRepresentation()), secret);
      } catch (RuntimeException e) {
        // no half-made account: without its roles or domain it would be a confusing leftover
        client.remove();
        throw e;
      }
    });
  }

  /** Every service account, ordered by id. */
  public List<ServiceAccount> list() {
    return call(() -> {
      RealmResource realm = realm();
      return realm.clients().findAll().stream()
          .filter(ServiceAccountDirectory::isServiceAccount)
          .map(client -> account(realm, client))
          .sorted(java.util.Comparator.comparing(ServiceAccount::id))
          .toList();
    });
  }

  public ServiceAccount get(String id) {
    return call(() -> account(realm(), representation(id)));
  }

  /** Replaces the secret; the old one stops working at once. Returns the new one, this one time. */
  public ServiceAccount.WithSecret rotate(String id) {
    return call(() -> {
      RealmResource realm = realm();
      ClientRepresentation client = representation(id);
      String secret = realm.clients().get(client.getId()).generateNewSecret().getValue();
      LOG.info("rotated the secret of service account {}", id);
      return new ServiceAccount.WithSecret(account(realm, client), secret);
    });
  }

  /**
   * Enables or disables the account: a disabled one gets no new tokens. Tokens it already holds
   * stay valid until they expire (the node verifies tokens offline).
   */
  public ServiceAccount setEnabled(String id, boolean enabled) {
    return call(() -> {
      RealmResource realm = realm();
      ClientRepresentation client = representation(id);
      if (!Boolean.valueOf(enabled).equals(client.isEnabled())) {
        client.setEnabled(enabled);
        realm.clients().get(client.getId()).update(client);
        LOG.info("{} service account {}", enabled ? "enabled" : "disabled", id);
      }
      return account(realm, client);
    });
  }

  /**
   * Deletes the account's Keycloak client, and with it its service-account user: the secret gets no
   * more tokens. Tokens already issued stay valid until they expire (the node verifies offline).
   */
  public void delete(String id) {
    call(() -> {
      ClientRepresentation client = representation(id);
      realm().clients().get(client.getId()).remove();
      LOG.info("deleted service account {}", id);
      return null;
    });
  }

  private RealmResource realm() {
    return keycloak.realm(realm);
  }

  private ClientRepresentation representation(String id) {
    return realm().clients().findByClientId(id).stream()
        .filter(ServiceAccountDirectory::isServiceAccount)
        .findFirst()
        .orElseThrow(() -> new NotFoundException("No service account " + id));
  }

  private static boolean isServiceAccount(ClientRepresentation client) {
    return client.getAttributes() != null && KIND.equals(client.getAttributes().get(KIND_ATTRIBUTE));
  }

  private ServiceAccount account(RealmResource realm, ClientRepresentation client) {
    String userId = realm.clients().get(client.getId()).getServiceAccountUser().getId();
    Set<String> roles = realm.users().get(userId).roles().realmLevel().listAll().stream()
        .map(RoleRepresentation::getName)
        .filter(ServiceAccountRequest.GRANTABLE_ROLES::contains)
        .collect(Collectors.toSet());
    Map<String, String> attributes = client.getAttributes();
    return new ServiceAccount(client.getClientId(), attributes.get(DOMAIN_ATTRIBUTE), attributes.get(NAME_ATTRIBUTE),
        client.getDescription() == null ? "" : client.getDescription(), roles, Boolean.TRUE.equals(client.isEnabled()));
  }

  private static Optional<GroupRepresentation> domainGroup(RealmResource realm, String domain) {
    try {
      return Optional.of(realm.getGroupByPath("/domains/" + domain));
    } catch (jakarta.ws.rs.NotFoundException e) {
      return Optional.empty();
    }
  }

  private ClientRepresentation client(ServiceAccountRequest request) {
    ClientRepresentation client = new ClientRepresentation();
    client.setClientId(request.clientId());
    client.setName("Service account " + request.name() + " of domain " + request.domain());
    client.setDescription(request.description());
    client.setEnabled(true);
    client.setProtocol("openid-connect");
    client.setPublicClient(false);
    client.setBearerOnly(false);
    client.setClientAuthenticatorType("client-secret");
    client.setServiceAccountsEnabled(true);
    client.setStandardFlowEnabled(false);
    client.setImplicitFlowEnabled(false);
    client.setDirectAccessGrantsEnabled(false);
    client.setFrontchannelLogout(false);
    Map<String, String> attributes = new HashMap<>();
    attributes.put(KIND_ATTRIBUTE, KIND);
    attributes.put(DOMAIN_ATTRIBUTE, request.domain());
    attributes.put(NAME_ATTRIBUTE, request.name());
    attributes.put("oauth2.device.authorization.grant.enabled", "false");
    attributes.put("oidc.ciba.grant.enabled", "false");
    client.setAttributes(attributes);
    client.setProtocolMappers(List.of(
        mapper("audience " + audience, "oidc-audience-mapper", Map.of(
            "included.client.audience", audience, "access.token.claim", "true", "id.token.claim", "false",
            "introspection.token.claim", "true")),
        mapper("groups", "oidc-group-membership-mapper", Map.of(
            "claim.name", "groups", "full.path", "true", "access.token.claim", "true", "id.token.claim", "false",
            "introspection.token.claim", "true")),
        mapper("realm roles", "oidc-usermodel-realm-role-mapper", Map.of(
            "claim.name", "realm_access.roles", "jsonType.label", "String", "multivalued", "true",
            "access.token.claim", "true", "id.token.claim", "false", "introspection.token.claim", "true"))));
    return client;
  }

  private static ProtocolMapperRepresentation mapper(String name, String type, Map<String, String> config) {
    ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
    mapper.setName(name);
    mapper.setProtocol("openid-connect");
    mapper.setProtocolMapper(type);
    mapper.setConfig(new HashMap<>(config));
    return mapper;
  }
}
