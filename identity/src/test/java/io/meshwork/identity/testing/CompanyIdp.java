package io.meshwork.identity.testing;

import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * An external company's identity provider, for federation tests: a realm of the test Keycloak (any
 * OIDC or SAML provider would do; this one is real) with a client for Meshwork's broker — OIDC or
 * SAML — that stamps a claim or attribute such as {@code department: orders} on everyone, and people
 * with passwords. Shared by the node's FederationIT and the portal's federated sign-in test.
 */
public final class CompanyIdp implements AutoCloseable {

  private final Keycloak admin;
  private final String keycloakUrl;
  public final String realm;
  private final boolean created;

  private CompanyIdp(Keycloak admin, String keycloakUrl, String realm, boolean created) {
    this.admin = admin;
    this.keycloakUrl = keycloakUrl.replaceAll("/+$", "");
    this.realm = realm;
    this.created = created;
  }

  /** A new, empty realm; {@link #close()} deletes it. */
  public static CompanyIdp create(Keycloak admin, String keycloakUrl, String realm) {
    RealmRepresentation representation = new RealmRepresentation();
    representation.setRealm(realm);
    representation.setEnabled(true);
    admin.realms().create(representation);
    return new CompanyIdp(admin, keycloakUrl, realm, true);
  }

  /** A realm that exists already (and stays when this is closed). */
  public static CompanyIdp of(Keycloak admin, String keycloakUrl, String realm) {
    return new CompanyIdp(admin, keycloakUrl, realm, false);
  }

  public String issuer() {
    return keycloakUrl + "/realms/" + realm;
  }

  public String discoveryUrl() {
    return issuer() + "/.well-known/openid-configuration";
  }

  /** The company's SAML IdP metadata (EntityDescriptor with an IDPSSODescriptor). */
  public String samlMetadataUrl() {
    return issuer() + "/protocol/saml/descriptor";
  }

  /**
   * A confidential OIDC client for Meshwork's broker (code flow, redirect to {@code brokerEndpoint}, and
   * back there after a sign-out that Meshwork passes on); its tokens carry {@code claim: value} for everyone.
   */
  public void oidcClientForBroker(String clientId, String secret, String brokerEndpoint, String claim, String value) {
    ClientRepresentation client = new ClientRepresentation();
    client.setClientId(clientId);
    client.setProtocol("openid-connect");
    client.setPublicClient(false);
    client.setSecret(secret);
    client.setStandardFlowEnabled(true);
    client.setDirectAccessGrantsEnabled(false);
    // the broker's endpoint, and below it where Keycloak comes back after signing out at the company
    client.setRedirectUris(List.of(brokerEndpoint, brokerEndpoint + "/*"));
    client.setAttributes(Map.of("post.logout.redirect.uris", "+"));
    ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
    mapper.setName(claim);
    mapper.setProtocol("openid-connect");
    mapper.setProtocolMapper("oidc-hardcoded-claim-mapper");
    mapper.setConfig(Map.of("claim.name", claim, "claim.value", value, "jsonType.label", "String",
        "id.token.claim", "true", "access.token.claim", "true", "userinfo.token.claim", "true"));
    client.setProtocolMappers(List.of(mapper));
    create(client);
  }

  /**
   * A SAML client for Meshwork's broker: its entity id is the broker's ({@code spEntityId}, by default
   * the Meshwork realm's issuer), assertions go to {@code brokerEndpoint} by HTTP-POST, signed by the
   * company realm's key; the NameID is the username; every assertion carries {@code attribute: value}
   * and the person's email, first and last name; single logout comes back to {@code brokerEndpoint}.
   * It does not ask the broker to sign its requests.
   */
  public void samlClientForBroker(String spEntityId, String brokerEndpoint, String attribute, String value) {
    ClientRepresentation client = new ClientRepresentation();
    client.setClientId(spEntityId);
    client.setProtocol("saml");
    client.setEnabled(true);
    client.setRedirectUris(List.of(brokerEndpoint, brokerEndpoint + "/*"));
    // signing out of Meshwork signs out at the company too: its logout answer goes back to the broker
    client.setFrontchannelLogout(true);
    Map<String, String> attributes = new HashMap<>();
    attributes.put("saml.client.signature", "false");
    attributes.put("saml.server.signature", "true");
    attributes.put("saml.signature.algorithm", "RSA_SHA256");
    attributes.put("saml.authnstatement", "true");
    attributes.put("saml_name_id_format", "username");
    attributes.put("saml_force_name_id_format", "true");
    attributes.put("saml_assertion_consumer_url_post", brokerEndpoint);
    attributes.put("saml_single_logout_service_url_post", brokerEndpoint);
    attributes.put("saml_single_logout_service_url_redirect", brokerEndpoint);
    client.setAttributes(attributes);
    client.setProtocolMappers(List.of(
        samlMapper(attribute, "saml-hardcode-attribute-mapper", Map.of("attribute.value", value)),
        samlMapper("email", "saml-user-property-mapper", Map.of("user.attribute", "email")),
        samlMapper("firstName", "saml-user-property-mapper", Map.of("user.attribute", "firstName")),
        samlMapper("lastName", "saml-user-property-mapper", Map.of("user.attribute", "lastName"))));
    create(client);
  }

  /** Someone of the company, with a password and a verified email at the company's domain. */
  public void person(String username, String password, String firstName, String lastName) {
    UserRepresentation user = new UserRepresentation();
    user.setUsername(username);
    user.setFirstName(firstName);
    user.setLastName(lastName);
    user.setEmail(username + "@company.example");
    user.setEmailVerified(true);
    user.setEnabled(true);
    CredentialRepresentation credential = new CredentialRepresentation();
    credential.setType("password");
    credential.setValue(password);
    credential.setTemporary(false);
    user.setCredentials(List.of(credential));
    try (Response response = admin.realm(realm).users().create(user)) {
      if (response.getStatus() != 201) {
        throw new IllegalStateException("Keycloak refused user " + username + ": HTTP " + response.getStatus());
      }
    }
  }

  @Override
  public void close() {
    if (created) {
      admin.realm(realm).remove();
    }
  }

  private static ProtocolMapperRepresentation samlMapper(String attribute, String type, Map<String, String> settings) {
    ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
    mapper.setName(attribute);
    mapper.setProtocol("saml");
    mapper.setProtocolMapper(type);
    Map<String, String> config = new HashMap<>(settings);
    config.put("attribute.name", attribute);
    config.put("friendly.name", attribute);
    config.put("attribute.nameformat", "Basic");
    mapper.setConfig(config);
    return mapper;
  }

  private void create(ClientRepresentation client) {
    try (Response response = admin.realm(realm).clients().create(client)) {
      if (response.getStatus() != 201) {
        throw new IllegalStateException("Keycloak refused client " + client.getClientId() + ": HTTP " + response.getStatus());
      }
    }
  }
}
