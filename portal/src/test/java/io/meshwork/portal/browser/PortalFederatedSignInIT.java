package io.meshwork.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwork.identity.testing.CompanyIdp;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.admin.client.Keycloak;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Federated sign-in through the portal's "Sign in with …" buttons, real components only: two realms
 * of the test Keycloak play a company's OIDC provider and its SAML IdP; ada registers both through the
 * node's federation API with mappers ({@code department = orders} → role {@code domain-owner} and group
 * {@code /domains/orders}); people of the company sign in with the buttons in headless Chromium and
 * arrive with exactly what the mappers give — which the node then enforces.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalFederatedSignInIT {

    private static final Duration PAGE = PortalStack.PAGE;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "company-password";

    private static PortalStack mesh;
    private static Keycloak keycloak;
    private static CompanyIdp oidcCompany;
    private static CompanyIdp samlCompany;
    private static String ada;

    @BeforeAll
    static void startTheMeshAndTheCompany() throws Exception {
        mesh = PortalStack.start("portal-federation");
        keycloak = Keycloak.getInstance(mesh.keycloakUrl.toString(), "master", PortalStack.requiredEnv("MESHWORK_TEST_KEYCLOAK_ADMIN"),
                PortalStack.requiredEnv("MESHWORK_TEST_KEYCLOAK_ADMIN_PASSWORD"), "admin-cli");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        ada = mesh.token("ada");

        // ACME's OpenID Connect provider: a client for Meshwork's broker, department=orders for everyone, pat
        oidcCompany = CompanyIdp.create(keycloak, mesh.keycloakUrl.toString(), "acme-oidc-" + suffix);
        String secret = "broker-secret-" + UUID.randomUUID();
        oidcCompany.oidcClientForBroker("meshwork-broker", secret, brokerEndpoint("acme"), "department", "orders");
        oidcCompany.person("pat", PASSWORD, "Pat", "Partner");
        created(post("/api/v1/identity/providers", Map.of("alias", "acme", "displayName", "ACME Corp",
                "discoveryUrl", oidcCompany.discoveryUrl(), "clientId", "meshwork-broker", "clientSecret", secret)));
        mappers("acme");
        created(post("/api/v1/identity/providers/acme/mappers", Map.of("name", "username", "kind", "username",
                "template", "${ALIAS}.${CLAIM.preferred_username}")));

        // ACME's SAML 2.0 IdP, registered from its metadata URL: a SAML client whose entity id is the broker's
        samlCompany = CompanyIdp.create(keycloak, mesh.keycloakUrl.toString(), "acme-saml-" + suffix);
        samlCompany.samlClientForBroker(mesh.keycloakUrl + "/realms/" + mesh.realm, brokerEndpoint("acme-saml"), "department", "orders");
        samlCompany.person("sasha", PASSWORD, "Sasha", "Saml");
        created(post("/api/v1/identity/providers", Map.of("alias", "acme-saml", "type", "saml", "displayName", "ACME (SAML)",
                "metadataUrl", samlCompany.samlMetadataUrl())));
        mappers("acme-saml");
    }

    /** department = orders → realm role domain-owner, and → the orders domain's group. */
    private static void mappers(String alias) throws Exception {
        created(post("/api/v1/identity/providers/" + alias + "/mappers", Map.of("name", "orders-owner", "kind", "role",
                "claim", "department", "value", "orders", "role", "domain-owner")));
        created(post("/api/v1/identity/providers/" + alias + "/mappers", Map.of("name", "orders-team", "kind", "group",
                "claim", "department", "value", "orders", "group", "/domains/orders")));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (mesh != null) {
                mesh.close();
            }
        } finally {
            if (oidcCompany != null) {
                oidcCompany.close();
            }
            if (samlCompany != null) {
                samlCompany.close();
            }
            if (keycloak != null) {
                keycloak.close();
            }
        }
    }

    @Test
    @Order(1)
    void theSignInPageOffersKeycloakAndEveryEnabledProvider() throws Exception {
        journey("sign-in-page", () -> {
            var driver = mesh.browser.driver;
            mesh.forgetSessions();
            driver.get(mesh.portalUrl.toString());
            mesh.browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-keycloak")), PAGE);
            mesh.browser.awaitVaadinIdle(PAGE);
            assertThat(driver.getCurrentUrl()).isEqualTo(mesh.portalUrl + "/sign-in");
            assertThat(driver.findElements(By.cssSelector("#sign-in-options vaadin-button"))).extracting(WebElement::getText)
                    .containsExactly("Sign in with Keycloak", "Sign in with ACME Corp", "Sign in with ACME (SAML)");
            assertThat(driver.findElement(By.id("sign-in-idp-acme")).getAttribute("data-start"))
                    .isEqualTo("/oauth2/authorization/keycloak?idp=acme");
            mesh.browser.screenshot("30-sign-in-page");
        });
    }

    @Test
    @Order(2)
    void aPersonOfTheCompanySignsInThroughOidcAndGetsExactlyWhatTheMappersGive() throws Exception {
        journey("federated-oidc-sign-in", () -> {
            signInWith("acme", oidcCompany, "pat");
            assertThat(mesh.browser.driver.findElement(By.id("user-name")).getText()).isEqualTo("Pat Partner");
            assertThat(roleBadges()).containsExactly("domain-owner");
            assertThat(mesh.browser.driver.findElements(By.id("nav-inbox"))).as("a domain owner's inbox").isNotEmpty();
            mesh.browser.screenshot("32-signed-in-through-acme");

            // what Meshwork made of them, as the users API shows it
            JsonNode user = userAsAdaSeesIt("acme.pat");
            assertThat(texts(user.path("roles"))).containsExactly("domain-owner");
            assertThat(texts(user.path("groups"))).containsExactly("/domains/orders");
            assertThat(user.path("identityProviderLinks").get(0).path("identityProvider").asText()).isEqualTo("acme");
            assertThat(user.path("identityProviderLinks").get(0).path("username").asText()).isEqualTo("pat");

            // and what the node lets them do: own orders products, nothing in another domain
            String token = deviceToken();
            assertThat(putProduct("orders-by-pat", "orders", token).statusCode()).isEqualTo(201);
            assertThat(putProduct("products-by-pat", "products", token).statusCode()).isEqualTo(403);
            assertThat(send("GET", "/api/v1/identity/providers", token, null).statusCode()).isEqualTo(403);
            mesh.open("/");
            mesh.signOut();
        });
    }

    @Test
    @Order(3)
    void aPersonOfTheCompanySignsInThroughSaml() throws Exception {
        journey("federated-saml-sign-in", () -> {
            signInWith("acme-saml", samlCompany, "sasha");
            assertThat(mesh.browser.driver.findElement(By.id("user-username")).getText()).isEqualTo("@sasha");
            assertThat(roleBadges()).containsExactly("domain-owner");
            mesh.browser.screenshot("34-signed-in-through-acme-saml");

            JsonNode user = userAsAdaSeesIt("sasha");
            assertThat(texts(user.path("roles"))).containsExactly("domain-owner");
            assertThat(texts(user.path("groups"))).containsExactly("/domains/orders");
            assertThat(user.path("identityProviderLinks").get(0).path("identityProvider").asText()).isEqualTo("acme-saml");

            String token = deviceToken();
            assertThat(putProduct("orders-by-sasha", "orders", token).statusCode()).isEqualTo(201);
            assertThat(putProduct("products-by-sasha", "products", token).statusCode()).isEqualTo(403);
            mesh.open("/");
            mesh.signOut();
        });
    }

    /**
     * From the portal's sign-in page through the provider's button: the company's own login page (not
     * Meshwork's), its form, and back to the portal signed in.
     */
    private static void signInWith(String alias, CompanyIdp company, String person) throws Exception {
        var browser = mesh.browser;
        var driver = browser.driver;
        mesh.forgetSessions();
        driver.get(mesh.portalUrl.toString());
        browser.await(ExpectedConditions.elementToBeClickable(By.id("sign-in-idp-" + alias)), PAGE).click();
        browser.await(ExpectedConditions.urlContains("/realms/" + company.realm + "/"), PAGE);
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("username")), PAGE);
        browser.screenshot(alias.equals("acme") ? "31-acme-login" : "33-acme-saml-login");
        driver.findElement(By.id("username")).sendKeys(person);
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.id("kc-login")).click();
        // a first sign-in may stop at Keycloak's "review your profile" (SAML sends no email here): fill it in
        browser.await(d -> {
            if (!d.findElements(By.id("user-username")).isEmpty()) {
                return true;
            }
            List<WebElement> firstName = d.findElements(By.id("firstName"));
            if (!firstName.isEmpty() && firstName.get(0).isDisplayed()) {
                screenshot("33b-" + alias + "-review-profile");
                fillIfEmpty(By.id("email"), person + "@company.example");
                fillIfEmpty(By.id("firstName"), person.substring(0, 1).toUpperCase() + person.substring(1));
                fillIfEmpty(By.id("lastName"), "Company");
                d.findElement(By.cssSelector("form [type=submit]")).click();
            }
            return false;
        }, PAGE);
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("user-username")), PAGE);
        browser.awaitVaadinIdle(PAGE);
    }

    private static void screenshot(String name) {
        try {
            mesh.browser.screenshot(name);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void fillIfEmpty(By field, String value) {
        mesh.browser.driver.findElements(field).stream()
                .filter(input -> input.getAttribute("value") == null || input.getAttribute("value").isEmpty())
                .findFirst().ifPresent(input -> input.sendKeys(value));
    }

    /**
     * A token of whoever is signed in in the browser, for calling the node as them: the CLI's device
     * grant, confirmed in the browser, where Keycloak's session (the federated sign-in) answers for them.
     */
    private static String deviceToken() throws Exception {
        String realmUrl = mesh.keycloakUrl + "/realms/" + mesh.realm + "/protocol/openid-connect";
        JsonNode device = JSON.readTree(form(realmUrl + "/auth/device", Map.of("client_id", "meshwork-cli")).body());
        mesh.browser.driver.get(device.path("verification_uri_complete").asText());
        long deadline = System.nanoTime() + PAGE.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = form(realmUrl + "/token", Map.of("client_id", "meshwork-cli",
                    "grant_type", "urn:ietf:params:oauth:grant-type:device_code", "device_code", device.path("device_code").asText()));
            if (answer.statusCode() == 200) {
                return JSON.readTree(answer.body()).path("access_token").asText();
            }
            // Keycloak's device pages: the code (pre-filled), then "grant access"
            for (By confirm : List.of(By.id("kc-login"), By.cssSelector("input[name=accept]"), By.cssSelector("button[name=accept]"))) {
                mesh.browser.driver.findElements(confirm).stream().filter(WebElement::isDisplayed).findFirst().ifPresent(WebElement::click);
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no device token; the browser shows " + mesh.browser.driver.getCurrentUrl());
    }

    private static List<String> roleBadges() {
        return mesh.browser.driver.findElements(By.className("user-role")).stream().map(WebElement::getText).toList();
    }

    private static JsonNode userAsAdaSeesIt(String username) throws Exception {
        HttpResponse<String> answer = send("GET", "/api/v1/identity/users/" + username, mesh.token("ada"), null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static HttpResponse<String> putProduct(String id, String domain, String token) throws Exception {
        String yaml = """
                apiVersion: v1.0.0
                kind: DataProduct
                id: %s
                name: Registered by a federated domain owner
                status: draft
                domain: %s
                outputPorts:
                  - name: rows
                    type: tables
                    version: 1.0.0
                """.formatted(id, domain);
        HttpResponse<String> answer = mesh.send("PUT", "/api/v1/products/" + id, token, "application/yaml", yaml);
        System.out.printf("PUT product %s (%s): %d %s%n", id, domain, answer.statusCode(), answer.body());
        return answer;
    }

    private static String brokerEndpoint(String alias) {
        return mesh.keycloakUrl + "/realms/" + mesh.realm + "/broker/" + alias + "/endpoint";
    }

    private static HttpResponse<String> post(String path, Map<String, String> body) throws Exception {
        return send("POST", path, ada, JSON.writeValueAsString(body));
    }

    private static HttpResponse<String> send(String method, String path, String token, String json) throws Exception {
        return mesh.send(method, path, token, json == null ? null : "application/json", json);
    }

    private static void created(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    }

    private static HttpResponse<String> form(String url, Map<String, String> fields) throws Exception {
        String body = fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    interface Steps {
        void run() throws Exception;
    }

    private static void journey(String name, Steps steps) throws Exception {
        long start = System.nanoTime();
        try {
            steps.run();
        } catch (Exception | AssertionError failure) {
            mesh.browser.screenshot("failed-" + name);
            throw failure;
        }
        System.out.printf("[timing] %s: %d ms%n", name, (System.nanoTime() - start) / 1_000_000);
    }
}
