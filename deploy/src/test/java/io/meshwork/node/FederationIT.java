package io.meshwork.node;

import static io.meshwork.node.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwork.identity.KeycloakAdminCredentials;
import io.meshwork.identity.realm.PasswordGrant;
import io.meshwork.identity.realm.RealmProvisioner;
import io.meshwork.identity.realm.RealmSettings;
import io.meshwork.identity.testing.CompanyIdp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.IdentityProviderMapperRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;

/**
 * The federation API against the real Keycloak: a second realm plays an external company's OIDC
 * provider; it is registered through the node's API (discovery fetched and checked), read, replaced
 * and removed, with claim → role, claim → group and username-template mappers; what the API wrote
 * is checked in Keycloak itself.
 */
class FederationIT {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String BASE = "/api/v1/identity/providers";
  private static URI keycloakUrl;
  private static Keycloak admin;
  private static RealmProvisioner provisioner;
  private static String realm;
  private static String partner;
  private static MeshNode node;
  private static String ada;
  private static String olivia;
  private static String portalSecret;

  @BeforeAll
  static void start() throws Exception {
    keycloakUrl = URI.create(NodeItSupport.requiredEnv("MESHWORK_TEST_KEYCLOAK_URL"));
    admin = NodeItSupport.keycloakAdmin();
    provisioner = new RealmProvisioner(admin);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    realm = "fed-it-" + suffix;
    partner = "partner-" + suffix;
    String adminClientSecret = "admin-client-" + UUID.randomUUID();
    portalSecret = "portal-secret-" + suffix;
    provisioner.apply(RealmSettings.of(realm, portalSecret, List.of("http://127.0.0.1:18080"), true)
        .withAdminClientSecret(adminClientSecret));
    // the "external company": any OIDC provider will do; a realm of the same Keycloak is a real one
    provisioner.apply(RealmSettings.of(partner, "portal-secret-" + suffix, List.of("http://127.0.0.1:18080"), false));

    NodeConfig config = new NodeConfig(Files.createTempDirectory("meshwork-fed-it"), "127.0.0.1", 0, Optional.empty(),
        "meshwork", keycloakUrl.toString(), realm, RealmSettings.DEFAULT_NODE_AUDIENCE,
        Optional.of(KeycloakAdminCredentials.of(keycloakUrl, realm, adminClientSecret)));
    node = ReadyNode.start(config);
    PasswordGrant grant = new PasswordGrant(keycloakUrl, realm);
    ada = grant.accessToken("ada", RealmSettings.DEMO_PASSWORD);
    olivia = grant.accessToken("olivia", RealmSettings.DEMO_PASSWORD);
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.stop();
    }
    if (provisioner != null) {
      provisioner.deleteRealm(realm);
      provisioner.deleteRealm(partner);
    }
    if (admin != null) {
      admin.close();
    }
  }

  @Test
  void anOidcProviderIsFederatedFromItsDiscoveryUrlReadReplacedAndRemoved() throws Exception {
    String alias = "acme-" + UUID.randomUUID().toString().substring(0, 6);
    String secret = "partner-secret-" + UUID.randomUUID();
    HttpResponse<String> created = send(post(BASE, ada, provider(alias).put("clientSecret", secret)));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).hasValue(BASE + "/" + alias);
    JsonObject body = new JsonObject(created.body());
    String partnerIssuer = keycloakUrl + "/realms/" + partner;
    assertThat(body.getString("issuer")).isEqualTo(partnerIssuer);
    assertThat(body.getString("tokenUrl")).isEqualTo(partnerIssuer + "/protocol/openid-connect/token");
    assertThat(body.getString("redirectUri")).isEqualTo(keycloakUrl + "/realms/" + realm + "/broker/" + alias + "/endpoint");
    assertThat(body.containsKey("clientSecret")).isFalse();
    assertThat(created.body()).doesNotContain(secret);

    IdentityProviderRepresentation stored = admin.realm(realm).identityProviders().get(alias).toRepresentation();
    assertThat(stored.getProviderId()).isEqualTo("oidc");
    assertThat(stored.getDisplayName()).isEqualTo("ACME Corp");
    assertThat(stored.getConfig()).containsEntry("clientId", "meshwork-broker")
        .containsEntry("authorizationUrl", partnerIssuer + "/protocol/openid-connect/auth")
        .containsEntry("jwksUrl", partnerIssuer + "/protocol/openid-connect/certs")
        .containsEntry("validateSignature", "true").containsEntry("syncMode", "FORCE")
        .containsEntry("defaultScope", "openid profile email").containsKey("clientSecret");

    HttpResponse<String> read = send(get(BASE + "/" + alias, ada));
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body()).doesNotContain(secret);
    assertThat(aliases(send(get(BASE, ada)))).contains(alias);

    // replace without a secret: the stored one is kept
    HttpResponse<String> replaced = send(put(BASE + "/" + alias, ada, provider(alias).put("displayName", "ACME (EU)")
        .put("scopes", new JsonArray().add("openid").add("email")).put("enabled", false).put("syncMode", "import")));
    assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
    IdentityProviderRepresentation after = admin.realm(realm).identityProviders().get(alias).toRepresentation();
    assertThat(after.getDisplayName()).isEqualTo("ACME (EU)");
    assertThat(after.isEnabled()).isFalse();
    assertThat(after.getConfig()).containsEntry("defaultScope", "openid email").containsEntry("syncMode", "IMPORT")
        .containsKey("clientSecret");
    assertThat(after.getConfig().get("clientSecret")).isNotBlank();

    assertThat(send(delete(BASE + "/" + alias, ada)).statusCode()).isEqualTo(204);
    assertProblem(send(get(BASE + "/" + alias, ada)), 404);
    assertProblem(send(put(BASE + "/" + alias, ada, provider(alias))), 404);
  }

  @Test
  void explicitEndpointsNeedNoDiscovery() throws Exception {
    String alias = "explicit-" + UUID.randomUUID().toString().substring(0, 6);
    String issuer = keycloakUrl + "/realms/" + partner;
    JsonObject request = new JsonObject().put("alias", alias).put("clientId", "meshwork-broker").put("clientSecret", "s3cret-value")
        .put("issuer", issuer).put("authorizationUrl", issuer + "/protocol/openid-connect/auth")
        .put("tokenUrl", issuer + "/protocol/openid-connect/token").put("jwksUrl", issuer + "/protocol/openid-connect/certs");
    HttpResponse<String> created = send(post(BASE, ada, request));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(new JsonObject(created.body()).containsKey("discoveryUrl")).isFalse();
  }

  @Test
  void badRequestsNameEveryViolationAndDuplicatesConflict() throws Exception {
    JsonObject bad = new JsonObject().put("alias", "Bad Alias!").put("type", "ldap").put("scopes", new JsonArray().add("email"))
        .put("syncMode", "SOMETIMES").put("colour", "blue");
    JsonObject problem = assertProblem(send(post(BASE, ada, bad)), 400);
    Set<String> pointers = new HashSet<>();
    problem.getJsonArray("errors").forEach(e -> pointers.add(((JsonObject) e).getString("pointer")));
    assertThat(pointers).containsExactlyInAnyOrder("/alias", "/type", "/clientId", "/clientSecret", "/discoveryUrl", "/scopes",
        "/syncMode", "/colour");

    String alias = "dup-" + UUID.randomUUID().toString().substring(0, 6);
    assertThat(send(post(BASE, ada, provider(alias).put("clientSecret", "s3cret-value"))).statusCode()).isEqualTo(201);
    assertProblem(send(post(BASE, ada, provider(alias).put("clientSecret", "s3cret-value"))), 409);
  }

  @Test
  void anUnreachableOrInvalidDiscoveryUrlIs422WithTheReason() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closedPort = socket.getLocalPort();
    }
    JsonObject unreachable = assertProblem(send(post(BASE, ada, provider("down", "http://127.0.0.1:" + closedPort
        + "/.well-known/openid-configuration"))), 422);
    assertThat(unreachable.getString("detail")).contains("cannot be reached");

    JsonObject notFound = assertProblem(send(post(BASE, ada, provider("gone", keycloakUrl + "/realms/no-such-realm/.well-known/openid-configuration"))), 422);
    assertThat(notFound.getString("detail")).contains("answered HTTP 404");

    // a JSON document, but not a discovery document: the realm's public key endpoint
    JsonObject invalid = assertProblem(send(post(BASE, ada, provider("odd", keycloakUrl + "/realms/" + partner))), 422);
    assertThat(invalid.getString("detail")).contains("not an OpenID Connect discovery document").contains("authorization_endpoint");
    assertProblem(send(get(BASE + "/down", ada)), 404);
  }

  @Test
  void mappersTurnClaimsIntoRolesDomainGroupsAndUsernames() throws Exception {
    String alias = "mapped-" + UUID.randomUUID().toString().substring(0, 6);
    assertThat(send(post(BASE, ada, provider(alias).put("clientSecret", "s3cret-value"))).statusCode()).isEqualTo(201);
    String mappers = BASE + "/" + alias + "/mappers";

    JsonObject role = created(post(mappers, ada, new JsonObject().put("name", "sales-consume").put("kind", "role")
        .put("claim", "department").put("value", "sales").put("role", "data-consumer")));
    JsonObject group = created(post(mappers, ada, new JsonObject().put("name", "orders-team").put("kind", "group")
        .put("claim", "department").put("value", "orders").put("group", "/domains/orders")));
    created(post(mappers, ada, new JsonObject().put("name", "username").put("kind", "username")
        .put("template", "${ALIAS}.${CLAIM.preferred_username}")));
    assertThat(role.getMap()).containsEntry("claim", "department").containsEntry("value", "sales").containsEntry("role", "data-consumer");
    assertThat(group.getMap()).containsEntry("group", "/domains/orders");

    Map<String, IdentityProviderMapperRepresentation> inKeycloak = admin.realm(realm).identityProviders().get(alias).getMappers()
        .stream().collect(Collectors.toMap(IdentityProviderMapperRepresentation::getName, m -> m));
    assertThat(inKeycloak.get("sales-consume").getIdentityProviderMapper()).isEqualTo("oidc-role-idp-mapper");
    assertThat(inKeycloak.get("sales-consume").getConfig()).containsEntry("claim", "department").containsEntry("claim.value", "sales")
        .containsEntry("role", "data-consumer");
    assertThat(inKeycloak.get("orders-team").getIdentityProviderMapper()).isEqualTo("oidc-advanced-group-idp-mapper");
    assertThat(inKeycloak.get("orders-team").getConfig()).containsEntry("group", "/domains/orders");
    assertThat(inKeycloak.get("username").getConfig()).containsEntry("template", "${ALIAS}.${CLAIM.preferred_username}");

    HttpResponse<String> list = send(get(mappers, ada));
    assertThat(new JsonObject(list.body()).getJsonArray("items")).hasSize(3);

    JsonObject invalid = assertProblem(send(post(mappers, ada, new JsonObject().put("name", "x").put("kind", "role")
        .put("role", "owner").put("template", "t"))), 400);
    Set<String> pointers = new HashSet<>();
    invalid.getJsonArray("errors").forEach(e -> pointers.add(((JsonObject) e).getString("pointer")));
    assertThat(pointers).containsExactlyInAnyOrder("/claim", "/value", "/role", "/template");
    assertProblem(send(post(mappers, ada, new JsonObject().put("name", "atl").put("kind", "group").put("claim", "d")
        .put("value", "v").put("group", "/domains/atlantis"))), 400);
    assertProblem(send(post(mappers, ada, new JsonObject().put("name", "username").put("kind", "username")
        .put("template", "${CLAIM.email}"))), 409);

    assertThat(send(delete(mappers + "/" + role.getString("id"), ada)).statusCode()).isEqualTo(204);
    assertThat(new JsonObject(send(get(mappers, ada)).body()).getJsonArray("items")).hasSize(2);
    assertProblem(send(delete(mappers + "/" + role.getString("id"), ada)), 404);
    assertProblem(send(get(BASE + "/no-such-provider/mappers", ada)), 404);
  }

  @Test
  void aSamlProviderIsCreatedFromItsMetadataReadMappedAndDeleted() throws Exception {
    String alias = "saml-" + UUID.randomUUID().toString().substring(0, 6);
    String descriptorUrl = keycloakUrl + "/realms/" + partner + "/protocol/saml/descriptor";
    JsonObject request = new JsonObject().put("alias", alias).put("type", "saml").put("displayName", "ACME SAML")
        .put("metadataUrl", descriptorUrl).put("wantAuthnRequestsSigned", true);
    HttpResponse<String> created = send(post(BASE, ada, request));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonObject body = new JsonObject(created.body());
    assertThat(body.getString("type")).isEqualTo("saml");
    assertThat(body.getString("idpEntityId")).isEqualTo(keycloakUrl + "/realms/" + partner);
    assertThat(body.getString("entityId")).isEqualTo(keycloakUrl + "/realms/" + realm);
    assertThat(body.getInteger("signingCertificates")).isPositive();

    IdentityProviderRepresentation stored = admin.realm(realm).identityProviders().get(alias).toRepresentation();
    assertThat(stored.getProviderId()).isEqualTo("saml");
    assertThat(stored.getConfig()).containsEntry("singleSignOnServiceUrl", keycloakUrl + "/realms/" + partner + "/protocol/saml")
        .containsEntry("validateSignature", "true").containsEntry("wantAuthnRequestsSigned", "true").containsKey("signingCertificate");

    HttpResponse<String> mapper = send(post(BASE + "/" + alias + "/mappers", ada, new JsonObject().put("name", "orders-owner")
        .put("kind", "role").put("claim", "department").put("value", "orders").put("role", "domain-owner")));
    assertThat(mapper.statusCode()).as(mapper.body()).isEqualTo(201);
    assertThat(new JsonObject(mapper.body()).getString("claim")).isEqualTo("department");
    IdentityProviderMapperRepresentation inKeycloak = admin.realm(realm).identityProviders().get(alias).getMappers().get(0);
    assertThat(inKeycloak.getIdentityProviderMapper()).isEqualTo("saml-role-idp-mapper");
    assertThat(inKeycloak.getConfig()).containsEntry("attribute.name", "department").containsEntry("attribute.value", "orders");

    // replace with the descriptor given inline; an OIDC body cannot turn it into another type
    String descriptor = send(HttpRequest.newBuilder(URI.create(descriptorUrl)).build()).body();
    HttpResponse<String> replaced = send(put(BASE + "/" + alias, ada, new JsonObject().put("type", "saml")
        .put("metadata", descriptor).put("displayName", "ACME SAML (inline)")));
    assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
    assertThat(admin.realm(realm).identityProviders().get(alias).toRepresentation().getDisplayName()).isEqualTo("ACME SAML (inline)");
    assertProblem(send(put(BASE + "/" + alias, ada, provider(alias))), 400);

    assertThat(send(delete(BASE + "/" + alias, ada)).statusCode()).isEqualTo(204);
    assertProblem(send(get(BASE + "/" + alias, ada)), 404);
  }

  @Test
  void badSamlMetadataIs422AndBadSamlRequestsAre400() throws Exception {
    JsonObject notXml = assertProblem(send(post(BASE, ada, new JsonObject().put("alias", "saml-json").put("type", "saml")
        .put("metadataUrl", keycloakUrl + "/realms/" + partner + "/.well-known/openid-configuration"))), 422);
    assertThat(notXml.getString("detail")).contains("is not XML");
    String doctype = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
        + "<EntityDescriptor xmlns=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"&e;\"/>";
    JsonObject entities = assertProblem(send(post(BASE, ada, new JsonObject().put("alias", "saml-xxe").put("type", "saml")
        .put("metadata", doctype))), 422);
    assertThat(entities.getString("detail")).doesNotContain("root:");
    JsonObject noIdp = assertProblem(send(post(BASE, ada, new JsonObject().put("alias", "saml-sp").put("type", "saml")
        .put("metadata", "<EntityDescriptor xmlns=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"x\"/>"))), 422);
    assertThat(noIdp.getString("detail")).contains("no IDPSSODescriptor");

    JsonObject problem = assertProblem(send(post(BASE, ada, new JsonObject().put("alias", "saml-bad").put("type", "saml")
        .put("clientId", "x").put("validateSignature", "yes"))), 400);
    Set<String> pointers = new HashSet<>();
    problem.getJsonArray("errors").forEach(e -> pointers.add(((JsonObject) e).getString("pointer")));
    assertThat(pointers).containsExactlyInAnyOrder("/metadataUrl", "/validateSignature", "/clientId");
  }

  /** What the portal's sign-in page reads before anyone has signed in: enabled providers, alias and name only. */
  @Test
  void signInProvidersNeedNoTokenAndShowOnlyAliasAndDisplayName() throws Exception {
    String shown = "shown-" + UUID.randomUUID().toString().substring(0, 6);
    String hidden = "disabled-" + UUID.randomUUID().toString().substring(0, 6);
    String secret = "never-shown-" + UUID.randomUUID();
    assertThat(send(post(BASE, ada, provider(shown).put("displayName", "Shown Corp").put("clientSecret", secret))).statusCode())
        .isEqualTo(201);
    assertThat(send(post(BASE, ada, provider(hidden).put("enabled", false))).statusCode()).isEqualTo(201);

    HttpResponse<String> list = send(get("/api/v1/identity/sign-in-providers", null));
    assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
    List<JsonObject> items = new JsonObject(list.body()).getJsonArray("items").stream().map(JsonObject.class::cast).toList();
    assertThat(items).contains(new JsonObject().put("alias", shown).put("displayName", "Shown Corp").put("type", "oidc"));
    assertThat(items).allSatisfy(item -> assertThat(item.fieldNames()).containsExactlyInAnyOrder("alias", "displayName", "type"));
    assertThat(items).extracting(item -> item.getString("alias")).doesNotContain(hidden);
    assertThat(list.body()).doesNotContain(secret).doesNotContain("meshwork-broker").doesNotContain("/realms/" + partner);

    // a change through the API shows at once (the list is cached, and dropped on changes)
    assertThat(send(delete(BASE + "/" + shown, ada)).statusCode()).isEqualTo(204);
    assertThat(send(get("/api/v1/identity/sign-in-providers", null)).body()).doesNotContain(shown);
  }

  @Test
  void onlyAMeshAdminFederates() throws Exception {
    assertProblem(send(get(BASE, olivia)), 403);
    assertProblem(send(post(BASE, olivia, provider("x").put("clientSecret", "s3cret-value"))), 403);
    assertProblem(send(get(BASE, null)), 401);
  }

  /**
   * The whole federation: a person of the company signs in at the company's provider (through the
   * realm's login with kc_idp_hint, as the portal's "sign in with …" button does, without a browser)
   * and arrives in Meshwork with the mapped role and domain group — and the node lets them do exactly
   * that: register an orders product, and nothing in another domain.
   */
  @Test
  void aFederatedUserGetsTheMappedRoleAndDomainAndTheNodeEnforcesThem() throws Exception {
    String alias = "acme-login-" + UUID.randomUUID().toString().substring(0, 6);
    String brokerClient = "broker-" + alias;
    String brokerSecret = "broker-secret-" + UUID.randomUUID();
    String brokerEndpoint = keycloakUrl + "/realms/" + realm + "/broker/" + alias + "/endpoint";

    // at the company: Meshwork's client, a claim "department" for everyone, and a person
    CompanyIdp company = CompanyIdp.of(admin, keycloakUrl.toString(), partner);
    company.oidcClientForBroker(brokerClient, brokerSecret, brokerEndpoint, "department", "orders");
    String person = "pat-" + UUID.randomUUID().toString().substring(0, 6);
    company.person(person, "acme-password", "Pat", "Partner");

    // in Meshwork, through the API: the provider, then a replace without the secret (it must be kept)
    JsonObject request = provider(alias).put("clientId", brokerClient).put("clientSecret", brokerSecret);
    assertThat(send(post(BASE, ada, request)).statusCode()).isEqualTo(201);
    request.remove("clientSecret");
    assertThat(send(put(BASE + "/" + alias, ada, request.put("displayName", "ACME (replaced)"))).statusCode()).isEqualTo(200);
    String mappers = BASE + "/" + alias + "/mappers";
    created(post(mappers, ada, new JsonObject().put("name", "orders-owner").put("kind", "role")
        .put("claim", "department").put("value", "orders").put("role", "domain-owner")));
    created(post(mappers, ada, new JsonObject().put("name", "orders-team").put("kind", "group")
        .put("claim", "department").put("value", "orders").put("group", "/domains/orders")));
    created(post(mappers, ada, new JsonObject().put("name", "username").put("kind", "username")
        .put("template", "${ALIAS}.${CLAIM.preferred_username}")));

    // sign in through the portal's client with the provider hint, as its button does
    String redirectUri = "http://127.0.0.1:18080/login/oauth2/code/keycloak";
    String verifier = BrowserlessSignIn.pkceVerifier();
    String authorize = keycloakUrl + "/realms/" + realm + "/protocol/openid-connect/auth?" + BrowserlessSignIn.form(Map.of(
        "client_id", RealmSettings.DEFAULT_PORTAL_CLIENT_ID, "response_type", "code", "scope", "openid",
        "redirect_uri", redirectUri, "state", "it", "kc_idp_hint", alias,
        "code_challenge", BrowserlessSignIn.pkceChallenge(verifier), "code_challenge_method", "S256"));
    BrowserlessSignIn browser = new BrowserlessSignIn();
    URI callback = browser.signIn(authorize, redirectUri, person, "acme-password");
    assertThat(browser.visited()).as("signed in at the company's realm").anyMatch(step -> step.contains("/realms/" + partner + "/"));
    String code = Arrays.stream(callback.getRawQuery().split("&")).filter(p -> p.startsWith("code=")).findFirst().orElseThrow()
        .substring(5);
    HttpResponse<String> tokens = HTTP.send(HttpRequest.newBuilder(URI.create(keycloakUrl + "/realms/" + realm
            + "/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(BrowserlessSignIn.form(Map.of("grant_type", "authorization_code",
            "code", URLDecoder.decode(code, StandardCharsets.UTF_8), "redirect_uri", redirectUri,
            "client_id", RealmSettings.DEFAULT_PORTAL_CLIENT_ID, "client_secret", portalSecret, "code_verifier", verifier))))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
    String token = new JsonObject(tokens.body()).getString("access_token");
    JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    assertThat(claims.getString("preferred_username")).isEqualTo(alias + "." + person);
    assertThat(claims.getJsonObject("realm_access").getJsonArray("roles").getList()).contains("domain-owner");
    assertThat(claims.getJsonArray("groups").getList()).containsExactly("/domains/orders");
    // the provider travels in the token, so policies can name it (e.g. "never unmask pii for partner-x")
    assertThat(claims.getString("identity_provider")).isEqualTo(alias);

    String orders = "orders-fed-" + UUID.randomUUID().toString().substring(0, 6);
    assertThat(send(putProduct(orders, "orders", token)).statusCode()).isEqualTo(201);
    assertProblem(send(putProduct("products-fed-" + UUID.randomUUID().toString().substring(0, 6), "products", token)), 403);
    assertProblem(send(get(BASE, token)), 403);
  }

  // --- helpers ---

  private static HttpRequest putProduct(String id, String domain, String token) {
    return withToken(HttpRequest.newBuilder(uri("/api/v1/products/" + id)).header("Content-Type", "application/yaml")
        .PUT(HttpRequest.BodyPublishers.ofString(DraftProduct.yaml(id, domain, "Registered by a federated user"))), token);
  }

  private static JsonObject provider(String alias) {
    return provider(alias, keycloakUrl + "/realms/" + partner + "/.well-known/openid-configuration")
        .put("displayName", "ACME Corp");
  }

  private static JsonObject provider(String alias, String discoveryUrl) {
    return new JsonObject().put("alias", alias).put("discoveryUrl", discoveryUrl).put("clientId", "meshwork-broker")
        .put("clientSecret", "s3cret-value");
  }

  private static Set<String> aliases(HttpResponse<String> list) {
    assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
    Set<String> aliases = new HashSet<>();
    new JsonObject(list.body()).getJsonArray("items").forEach(i -> aliases.add(((JsonObject) i).getString("alias")));
    return aliases;
  }

  private static JsonObject created(HttpRequest request) throws Exception {
    HttpResponse<String> response = send(request);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return new JsonObject(response.body());
  }

  private static HttpRequest post(String path, String token, JsonObject body) {
    return withToken(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())), token);
  }

  private static HttpRequest put(String path, String token, JsonObject body) {
    return withToken(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(body.encode())), token);
  }

  private static HttpRequest delete(String path, String token) {
    return withToken(HttpRequest.newBuilder(uri(path)).DELETE(), token);
  }

  private static HttpRequest get(String path, String token) {
    return withToken(HttpRequest.newBuilder(uri(path)), token);
  }

  private static HttpRequest withToken(HttpRequest.Builder builder, String token) {
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder.build();
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + node.port() + path);
  }

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
