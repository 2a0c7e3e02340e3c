package io.meshwork.identity.federation;

import static io.meshwork.identity.KeycloakCalls.call;

import io.meshwork.model.error.ConflictException;
import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.NotFoundException;
import io.meshwork.model.error.Violation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.IdentityProviderResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.IdentityProviderMapperRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OIDC and SAML identity providers and their mappers, kept where they live: in the realm's identity-provider
 * configuration in Keycloak. The client secret goes in and never comes out. Every method blocks on
 * Keycloak's admin API: call it from a worker thread.
 */
public final class ProviderDirectory {

  private static final Logger LOG = LoggerFactory.getLogger(ProviderDirectory.class);
  static final String DISCOVERY_URL = "meshwork.discoveryUrl";
  static final String METADATA_URL = "meshwork.metadataUrl";

  private final Keycloak keycloak;
  private final String realm;
  private final String brokerBase;
  private final String issuer;

  /** @param issuer the realm's issuer; federated sign-ins come back to {@code <issuer>/broker/<alias>/endpoint} */
  public ProviderDirectory(Keycloak keycloak, String realm, String issuer) {
    this.keycloak = keycloak;
    this.realm = realm;
    this.brokerBase = issuer + "/broker/";
    this.issuer = issuer;
  }

  public JsonObject create(ProviderRequest request, ProviderRequest.Endpoints endpoints) {
    return call(() -> {
      IdentityProviderRepresentation provider = representation(request, endpoints, new HashMap<>());
      try (Response response = realm().identityProviders().create(provider)) {
        if (response.getStatus() == 409) {
          throw new ConflictException("An identity provider with alias " + request.alias() + " already exists");
        }
        if (response.getStatus() != 201) {
          throw new IllegalStateException("Keycloak refused identity provider " + request.alias() + ": HTTP " + response.getStatus());
        }
      }
      LOG.info("created identity provider {} ({})", request.alias(), endpoints.issuer());
      return toJson(realm().identityProviders().get(request.alias()).toRepresentation());
    });
  }

  public JsonObject createSaml(SamlProviderRequest request, SamlMetadata.Idp idp) {
    return call(() -> {
      try (Response response = realm().identityProviders().create(samlRepresentation(request, idp))) {
        if (response.getStatus() == 409) {
          throw new ConflictException("An identity provider with alias " + request.alias() + " already exists");
        }
        if (response.getStatus() != 201) {
          throw new IllegalStateException("Keycloak refused identity provider " + request.alias() + ": HTTP " + response.getStatus());
        }
      }
      LOG.info("created SAML identity provider {} ({})", request.alias(), idp.entityId());
      return toJson(realm().identityProviders().get(request.alias()).toRepresentation());
    });
  }

  public JsonObject replaceSaml(SamlProviderRequest request, SamlMetadata.Idp idp) {
    return call(() -> {
      IdentityProviderResource resource = provider(request.alias());
      IdentityProviderRepresentation existing = resource.toRepresentation();
      if (!"saml".equals(existing.getProviderId())) {
        throw new InvalidException("Wrong type", List.of(new Violation("/type", "provider " + request.alias()
            + " is " + existing.getProviderId() + "; a provider's type cannot change")));
      }
      IdentityProviderRepresentation updated = samlRepresentation(request, idp);
      updated.setInternalId(existing.getInternalId());
      updated.setFirstBrokerLoginFlowAlias(existing.getFirstBrokerLoginFlowAlias());
      resource.update(updated);
      LOG.info("updated SAML identity provider {}", request.alias());
      return toJson(resource.toRepresentation());
    });
  }

  /** Replaces the provider's settings; a request without a client secret keeps the stored one. */
  public JsonObject replace(ProviderRequest request, ProviderRequest.Endpoints endpoints) {
    return call(() -> {
      IdentityProviderResource resource = provider(request.alias());
      IdentityProviderRepresentation existing = resource.toRepresentation();
      if (!"oidc".equals(existing.getProviderId())) {
        throw new InvalidException("Wrong type", List.of(new Violation("/type", "provider " + request.alias()
            + " is " + existing.getProviderId() + "; a provider's type cannot change")));
      }
      Map<String, String> config = new HashMap<>(existing.getConfig());
      IdentityProviderRepresentation updated = representation(request, endpoints, config);
      if (request.clientSecret().isEmpty()) {
        // Keycloak answers the secret masked; sending the mask back keeps the stored value
        updated.getConfig().put("clientSecret", existing.getConfig().get("clientSecret"));
      }
      updated.setInternalId(existing.getInternalId());
      updated.setFirstBrokerLoginFlowAlias(existing.getFirstBrokerLoginFlowAlias());
      resource.update(updated);
      LOG.info("updated identity provider {}", request.alias());
      return toJson(resource.toRepresentation());
    });
  }

  public List<JsonObject> list() {
    return call(() -> realm().identityProviders().findAll().stream()
        .sorted(Comparator.comparing(IdentityProviderRepresentation::getAlias))
        .map(this::toJson)
        .toList());
  }

  /**
   * What a sign-in page may show of the providers people can sign in with: alias, display name and
   * type of each enabled one (not link-only, not hidden on the login page), in Keycloak's display
   * order. Nothing else — no endpoints, client ids or secrets — since anyone may read it.
   */
  public List<JsonObject> signInOptions() {
    return call(() -> realm().identityProviders().findAll().stream()
        .filter(p -> p.isEnabled() && !Boolean.TRUE.equals(p.isLinkOnly()) && !Boolean.TRUE.equals(p.isHideOnLogin()))
        .sorted(Comparator.comparing(ProviderDirectory::guiOrder).thenComparing(IdentityProviderRepresentation::getAlias))
        .map(p -> new JsonObject()
            .put("alias", p.getAlias())
            .put("displayName", p.getDisplayName() == null || p.getDisplayName().isBlank() ? p.getAlias() : p.getDisplayName())
            .put("type", p.getProviderId()))
        .toList());
  }

  /** Keycloak's "display order" (config guiOrder); providers without one come last. */
  private static int guiOrder(IdentityProviderRepresentation provider) {
    String order = provider.getConfig() == null ? null : provider.getConfig().get("guiOrder");
    try {
      return order == null || order.isBlank() ? Integer.MAX_VALUE : Integer.parseInt(order.trim());
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }

  public JsonObject get(String alias) {
    return call(() -> toJson(provider(alias).toRepresentation()));
  }

  public void delete(String alias) {
    call(() -> {
      provider(alias).remove();
      LOG.info("deleted identity provider {}", alias);
      return null;
    });
  }

  public List<JsonObject> mappers(String alias) {
    return call(() -> provider(alias).getMappers().stream()
        .sorted(Comparator.comparing(IdentityProviderMapperRepresentation::getName))
        .map(ProviderDirectory::mapperJson)
        .toList());
  }

  public JsonObject addMapper(String alias, MapperRequest request) {
    return call(() -> {
      IdentityProviderResource resource = provider(alias);
      boolean saml = "saml".equals(resource.toRepresentation().getProviderId());
      if (resource.getMappers().stream().anyMatch(m -> m.getName().equals(request.name()))) {
        throw new ConflictException("Provider " + alias + " already has a mapper named " + request.name());
      }
      if (request.kind() == MapperRequest.Kind.GROUP) {
        String group = request.settings().get("group");
        try {
          realm().getGroupByPath(group);
        } catch (jakarta.ws.rs.NotFoundException e) {
          throw new InvalidException("Unknown group", List.of(new Violation("/group", "no group " + group + " in the realm")));
        }
      }
      IdentityProviderMapperRepresentation mapper = new IdentityProviderMapperRepresentation();
      mapper.setName(request.name());
      mapper.setIdentityProviderAlias(alias);
      mapper.setIdentityProviderMapper(request.kind().keycloakType(saml));
      mapper.setConfig(saml ? samlMapperConfig(request) : mapperConfig(request));
      String id;
      try (Response response = resource.addMapper(mapper)) {
        if (response.getStatus() != 201) {
          throw new IllegalStateException("Keycloak refused mapper " + request.name() + ": HTTP " + response.getStatus());
        }
        String path = response.getLocation().getPath();
        id = path.substring(path.lastIndexOf('/') + 1);
      }
      LOG.info("added {} mapper {} to identity provider {}", request.kind(), request.name(), alias);
      return mapperJson(resource.getMapperById(id));
    });
  }

  public void deleteMapper(String alias, String mapperId) {
    call(() -> {
      IdentityProviderResource resource = provider(alias);
      if (resource.getMappers().stream().noneMatch(m -> m.getId().equals(mapperId))) {
        throw new NotFoundException("Provider " + alias + " has no mapper " + mapperId);
      }
      resource.delete(mapperId);
      return null;
    });
  }

  private RealmResource realm() {
    return keycloak.realm(realm);
  }

  private IdentityProviderResource provider(String alias) {
    IdentityProviderResource resource = realm().identityProviders().get(alias);
    try {
      resource.toRepresentation();
    } catch (jakarta.ws.rs.NotFoundException e) {
      throw new NotFoundException("No identity provider " + alias);
    }
    return resource;
  }

  private static IdentityProviderRepresentation representation(ProviderRequest request, ProviderRequest.Endpoints endpoints,
      Map<String, String> config) {
    IdentityProviderRepresentation provider = new IdentityProviderRepresentation();
    provider.setAlias(request.alias());
    provider.setDisplayName(request.displayName());
    provider.setProviderId("oidc");
    provider.setEnabled(request.enabled());
    provider.setTrustEmail(false);
    provider.setStoreToken(false);
    config.put("clientId", request.clientId());
    request.clientSecret().ifPresent(secret -> config.put("clientSecret", secret));
    config.put("clientAuthMethod", "client_secret_post");
    config.put("issuer", endpoints.issuer());
    config.put("authorizationUrl", endpoints.authorizationUrl().toString());
    config.put("tokenUrl", endpoints.tokenUrl().toString());
    config.put("jwksUrl", endpoints.jwksUrl().toString());
    config.put("useJwksUrl", "true");
    config.put("validateSignature", "true");
    config.put("pkceEnabled", "true");
    config.put("pkceMethod", "S256");
    config.remove("userInfoUrl");
    config.remove("logoutUrl");
    endpoints.userInfoUrl().ifPresent(u -> config.put("userInfoUrl", u.toString()));
    endpoints.logoutUrl().ifPresent(u -> config.put("logoutUrl", u.toString()));
    config.put("defaultScope", String.join(" ", request.scopes()));
    config.put("syncMode", request.syncMode());
    if (request.discoveryUrl().isPresent()) {
      config.put(DISCOVERY_URL, request.discoveryUrl().get().toString());
    } else {
      config.remove(DISCOVERY_URL);
    }
    provider.setConfig(config);
    return provider;
  }

  private IdentityProviderRepresentation samlRepresentation(SamlProviderRequest request, SamlMetadata.Idp idp) {
    if (request.validateSignature() && idp.signingCertificates().isEmpty()) {
      throw new io.meshwork.model.error.UnprocessableException("validateSignature is on but the metadata of " + idp.entityId()
          + " holds no signing certificate");
    }
    IdentityProviderRepresentation provider = new IdentityProviderRepresentation();
    provider.setAlias(request.alias());
    provider.setDisplayName(request.displayName());
    provider.setProviderId("saml");
    provider.setEnabled(request.enabled());
    provider.setTrustEmail(false);
    provider.setStoreToken(false);
    Map<String, String> config = new HashMap<>();
    config.put("entityId", request.entityId().orElse(issuer));
    config.put("idpEntityId", idp.entityId());
    config.put("singleSignOnServiceUrl", idp.singleSignOnServiceUrl().toString());
    idp.singleLogoutServiceUrl().ifPresent(u -> config.put("singleLogoutServiceUrl", u.toString()));
    config.put("nameIDPolicyFormat", idp.nameIdFormat().orElse("urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"));
    config.put("principalType", "SUBJECT");
    config.put("postBindingAuthnRequest", String.valueOf(idp.postBinding()));
    config.put("postBindingResponse", "true");
    config.put("postBindingLogout", String.valueOf(idp.postBinding()));
    config.put("wantAuthnRequestsSigned", String.valueOf(request.wantAuthnRequestsSigned() || idp.wantsSignedRequests()));
    config.put("signatureAlgorithm", "RSA_SHA256");
    config.put("validateSignature", String.valueOf(request.validateSignature()));
    if (!idp.signingCertificates().isEmpty()) {
      config.put("signingCertificate", String.join(",", idp.signingCertificates()));
    }
    config.put("syncMode", request.syncMode());
    request.metadataUrl().ifPresent(u -> config.put(METADATA_URL, u.toString()));
    provider.setConfig(config);
    return provider;
  }

  /** The provider as the API shows it: never the client secret. */
  private JsonObject toJson(IdentityProviderRepresentation provider) {
    Map<String, String> config = provider.getConfig() == null ? Map.of() : provider.getConfig();
    JsonObject json = new JsonObject()
        .put("alias", provider.getAlias())
        .put("type", provider.getProviderId())
        .put("displayName", provider.getDisplayName())
        .put("enabled", provider.isEnabled())
        .put("syncMode", config.get("syncMode"))
        .put("redirectUri", brokerBase + provider.getAlias() + "/endpoint");
    if ("saml".equals(provider.getProviderId())) {
      json.put("entityId", config.get("entityId"))
          .put("serviceProviderMetadataUrl", brokerBase + provider.getAlias() + "/endpoint/descriptor")
          .put("idpEntityId", config.get("idpEntityId"))
          .put("singleSignOnServiceUrl", config.get("singleSignOnServiceUrl"))
          .put("wantAuthnRequestsSigned", Boolean.parseBoolean(config.get("wantAuthnRequestsSigned")))
          .put("validateSignature", Boolean.parseBoolean(config.get("validateSignature")))
          .put("signingCertificates", config.getOrDefault("signingCertificate", "").isBlank() ? 0
              : config.get("signingCertificate").split(",").length);
      for (String field : List.of("singleLogoutServiceUrl")) {
        if (config.get(field) != null) {
          json.put(field, config.get(field));
        }
      }
      if (config.containsKey(METADATA_URL)) {
        json.put("metadataUrl", config.get(METADATA_URL));
      }
      return json;
    }
    json.put("clientId", config.get("clientId"))
        .put("scopes", new JsonArray(Arrays.stream(config.getOrDefault("defaultScope", "").split(" ")).filter(s -> !s.isBlank()).toList()));
    if (config.containsKey(DISCOVERY_URL)) {
      json.put("discoveryUrl", config.get(DISCOVERY_URL));
    }
    for (String field : List.of("issuer", "authorizationUrl", "tokenUrl", "jwksUrl", "userInfoUrl", "logoutUrl")) {
      if (config.get(field) != null) {
        json.put(field, config.get(field));
      }
    }
    return json;
  }

  private static Map<String, String> samlMapperConfig(MapperRequest request) {
    Map<String, String> config = new HashMap<>();
    config.put("syncMode", "INHERIT");
    Map<String, String> s = request.settings();
    switch (request.kind()) {
      case ROLE -> {
        config.put("attribute.name", s.get("claim"));
        config.put("attribute.value", s.get("value"));
        config.put("role", s.get("role"));
      }
      case GROUP -> {
        config.put("attributes", new JsonArray().add(new JsonObject().put("key", s.get("claim")).put("value", s.get("value"))).encode());
        config.put("are.attribute.values.regex", "false");
        config.put("group", s.get("group"));
      }
      case USERNAME -> {
        config.put("template", s.get("template"));
        config.put("target", "LOCAL");
      }
    }
    return config;
  }

  private static Map<String, String> mapperConfig(MapperRequest request) {
    Map<String, String> config = new HashMap<>();
    config.put("syncMode", "INHERIT");
    Map<String, String> s = request.settings();
    switch (request.kind()) {
      case ROLE -> {
        config.put("claim", s.get("claim"));
        config.put("claim.value", s.get("value"));
        config.put("role", s.get("role"));
      }
      case GROUP -> {
        config.put("claims", new JsonArray().add(new JsonObject().put("key", s.get("claim")).put("value", s.get("value"))).encode());
        config.put("are.claim.values.regex", "false");
        config.put("group", s.get("group"));
      }
      case USERNAME -> {
        config.put("template", s.get("template"));
        config.put("target", "LOCAL");
      }
    }
    return config;
  }

  private static JsonObject mapperJson(IdentityProviderMapperRepresentation mapper) {
    MapperRequest.Kind kind = MapperRequest.Kind.ofKeycloakType(mapper.getIdentityProviderMapper());
    Map<String, String> config = mapper.getConfig() == null ? Map.of() : mapper.getConfig();
    JsonObject json = new JsonObject().put("id", mapper.getId()).put("name", mapper.getName());
    if (kind == null) {
      // made in the Keycloak console: shown, not interpreted
      return json.put("kind", "other").put("keycloakType", mapper.getIdentityProviderMapper());
    }
    json.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
    switch (kind) {
      case ROLE -> json.put("claim", config.getOrDefault("claim", config.get("attribute.name")))
          .put("value", config.getOrDefault("claim.value", config.get("attribute.value"))).put("role", config.get("role"));
      case GROUP -> {
        JsonArray claims = new JsonArray(config.getOrDefault("claims", config.getOrDefault("attributes", "[]")));
        JsonObject first = claims.isEmpty() ? new JsonObject() : claims.getJsonObject(0);
        json.put("claim", first.getString("key")).put("value", first.getString("value")).put("group", config.get("group"));
      }
      case USERNAME -> json.put("template", config.get("template"));
    }
    return json;
  }
}
