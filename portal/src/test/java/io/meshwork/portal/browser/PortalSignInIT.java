package io.meshwork.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwork.identity.realm.PasswordGrant;
import io.meshwork.identity.realm.RealmProvisioner;
import io.meshwork.identity.realm.RealmSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.yaml.snakeyaml.Yaml;

/**
 * The walking skeleton end to end, with real components only: the test Keycloak of {@code ./meshwork test}
 * (a throwaway realm of its own), the mesh node jar as its own process, the demo contracts and products, the portal jar,
 * and headless Chromium. Carlos signs in, sees the demo products in the catalog, and signs out; then
 * the access journey: carlos requests an orders product for analytics, olivia approves it from her
 * inbox with a row filter, carlos sees the grant. Screenshots of each step go to {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalSignInIT {

    private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    private static final Path NODE_JAR = MODULE.resolve("../deploy/target/meshwork-node.jar").normalize();
    private static final Path PORTAL_JAR = MODULE.resolve("target/meshwork-portal.jar");
    private static final Path DEMO_PRODUCTS = MODULE.resolve("../deploy/demo/products").normalize();
    private static final Path DEMO_CONTRACTS = MODULE.resolve("../deploy/demo/contracts").normalize();
    private static final Path SCREENSHOTS = MODULE.resolve("target/screenshots");
    private static final Duration PAGE = Duration.ofSeconds(30);

    private static final long SUITE_START = System.nanoTime();
    private static URI keycloakUrl;
    private static RealmProvisioner provisioner;
    private static String realm;
    private static Path workDir;
    private static JavaProcess node;
    private static JavaProcess portal;
    private static URI portalUrl;
    private static Chromium browser;
    private static List<String> demoProductNames;
    private static URI nodeUrl;

    @BeforeAll
    static void startTheMesh() throws Exception {
        keycloakUrl = URI.create(requiredEnv("MESHWORK_TEST_KEYCLOAK_URL").replaceAll("/+$", ""));
        String admin = requiredEnv("MESHWORK_TEST_KEYCLOAK_ADMIN");
        String adminPassword = requiredEnv("MESHWORK_TEST_KEYCLOAK_ADMIN_PASSWORD");
        // the processes' logs stay here after the run; the node's data does not
        workDir = Files.createDirectories(MODULE.resolve("target/it-portal-sign-in"));
        TestFiles.deleteTree(workDir.resolve("node-home"));

        int portalPort = freePort();
        portalUrl = URI.create("http://127.0.0.1:" + portalPort);
        realm = "portal-it-" + UUID.randomUUID().toString().substring(0, 8);
        String portalSecret = UUID.randomUUID().toString();
        provisioner = RealmProvisioner.connect(keycloakUrl, admin, adminPassword);
        provisioner.apply(RealmSettings.of(realm, portalSecret, List.of(portalUrl.toString()), true));

        nodeUrl = startNode();
        demoProductNames = loadDemoProducts(nodeUrl);
        startPortal(portalPort, portalSecret, nodeUrl);
        browser = new Chromium(SCREENSHOTS);
    }

    private static URI startNode() throws Exception {
        int port = freePort();
        Path home = Files.createDirectories(workDir.resolve("node-home"));
        node = JavaProcess.start("mesh node", NODE_JAR, Map.of(
                "MESHWORK_HTTP_PORT", String.valueOf(port),
                "MESHWORK_HOME", home.toString(),
                "MESHWORK_KEYCLOAK_URL", keycloakUrl.toString(),
                "MESHWORK_REALM", realm), workDir.resolve("node.log"));
        URI url = URI.create("http://127.0.0.1:" + port);
        long start = System.nanoTime();
        node.awaitHttp(url.resolve("/health/ready"), 200, Duration.ofSeconds(60));
        timing("node ready", start);
        return url;
    }

    /** PUTs every demo contract, then every demo product, as ada (mesh-admin); returns the products' names. */
    private static List<String> loadDemoProducts(URI nodeUrl) throws Exception {
        String token = new PasswordGrant(keycloakUrl, realm).accessToken("ada", RealmSettings.DEMO_PASSWORD);
        HttpClient http = HttpClient.newHttpClient();
        // contracts first: a product's ports must name registered contracts
        putAll(http, token, nodeUrl, DEMO_CONTRACTS, "contracts");
        return putAll(http, token, nodeUrl, DEMO_PRODUCTS, "products");
    }

    private static List<String> putAll(HttpClient http, String token, URI nodeUrl, Path folder, String kind) throws Exception {
        List<String> names = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).as("demo " + kind + " in " + folder).isNotEmpty();
        for (Path file : files) {
            String yaml = Files.readString(file);
            Map<String, Object> document = new Yaml().load(yaml);
            String id = String.valueOf(document.get("id"));
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(nodeUrl.resolve("/api/v1/" + kind + "/" + id))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/yaml")
                            .PUT(HttpRequest.BodyPublishers.ofString(yaml))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("PUT %s: %s", file.getFileName(), answer.body()).isBetween(200, 201);
            names.add(String.valueOf(document.get("name")));
        }
        return names;
    }

    private static void startPortal(int port, String secret, URI nodeUrl) throws Exception {
        long start = System.nanoTime();
        portal = JavaProcess.start("portal", PORTAL_JAR, Map.of(
                "MESHWORK_PORTAL_PORT", String.valueOf(port),
                "MESHWORK_KEYCLOAK_URL", keycloakUrl.toString(),
                "MESHWORK_REALM", realm,
                "MESHWORK_PORTAL_CLIENT_SECRET", secret,
                "MESHWORK_NODE_URL", nodeUrl.toString()), workDir.resolve("portal.log"));
        // an anonymous visitor is sent to sign in: the portal is up
        portal.awaitHttp(portalUrl.resolve("/"), 302, Duration.ofSeconds(60));
        timing("portal start", start);
    }

    @AfterAll
    static void stopTheMesh() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            try {
                if (portal != null) {
                    portal.close();
                }
                if (node != null) {
                    node.close();
                }
                TestFiles.deleteTree(workDir.resolve("node-home"));
            } finally {
                if (provisioner != null) {
                    provisioner.deleteRealm(realm);
                    provisioner.close();
                }
                timing("whole test class", SUITE_START);
            }
        }
    }

    @Test
    @Order(1)
    void carlosSignsInSeesTheDemoProductsAndSignsOut() throws Exception {
        var driver = browser.driver;
        String loginPage = keycloakUrl + "/realms/" + realm + "/";

        // the portal's sign-in page first; this node does not administer the realm, so it cannot list
        // federated providers: Keycloak is the one button
        driver.get(portalUrl.toString());
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-keycloak")), PAGE);
        browser.awaitVaadinIdle(PAGE);
        assertThat(driver.findElements(By.cssSelector("#sign-in-options vaadin-button"))).extracting(WebElement::getText)
                .containsExactly("Sign in with Keycloak");
        browser.screenshot("00-sign-in-page");
        driver.findElement(By.id("sign-in-keycloak")).click();
        browser.await(ExpectedConditions.urlContains(loginPage), PAGE);
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("username")), PAGE);
        browser.screenshot("01-keycloak-sign-in");

        driver.findElement(By.id("username")).sendKeys("carlos");
        driver.findElement(By.id("password")).sendKeys(RealmSettings.DEMO_PASSWORD);
        long signIn = System.nanoTime();
        driver.findElement(By.id("kc-login")).click();
        browser.await(ExpectedConditions.urlContains(portalUrl + "/"), PAGE);
        WebElement user = browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("user-name")), PAGE);
        browser.awaitVaadinIdle(PAGE);
        timing("login round trip", signIn);

        assertThat(user.getText()).isEqualTo("Carlos Consumer");
        assertThat(driver.findElement(By.id("user-username")).getText()).isEqualTo("@carlos");
        assertThat(driver.findElements(By.className("user-role"))).extracting(WebElement::getText)
                .containsExactly("data-consumer");
        assertThat(driver.findElement(By.id("catalog-status")).getText())
                .isEqualTo(demoProductNames.size() + " data products");
        assertThat(gridCellTexts()).contains("Daily orders", "Cart events", "Web sessions", "orders", "active");
        browser.screenshot("02-catalog");

        driver.findElement(By.id("sign-out")).click();
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-keycloak")), PAGE);
        browser.screenshot("03-signed-out");

        // signed out of the portal and of Keycloak: signing in again asks for the password
        driver.get(portalUrl.toString());
        browser.await(ExpectedConditions.elementToBeClickable(By.id("sign-in-keycloak")), PAGE).click();
        browser.await(ExpectedConditions.urlContains(loginPage), PAGE);
        assertThat(driver.findElements(By.id("username"))).isNotEmpty();
    }

    @Test
    @Order(2)
    void carlosRequestsAccessOliviaApprovesWithARowFilterCarlosSeesTheGrant() throws Exception {
        try {
            accessJourney();
        } catch (Throwable failure) {
            // what the page showed when it failed: the quickest way to see why
            browser.screenshot("failed-access-journey");
            throw failure;
        }
    }

    private void accessJourney() throws Exception {
        var driver = browser.driver;
        long journey = System.nanoTime();
        // whatever the test before left: Keycloak's and the portal's cookies share the host 127.0.0.1
        driver.get(portalUrl.toString());
        driver.manage().deleteAllCookies();

        // a mesh-wide policy the request will break as asked: the form warns before an owner decides
        putAsAda("/api/v1/policies/at-most-30-days", "{\"kind\": \"maxDuration\", \"maxDays\": 30}");

        // carlos: from the catalog to the product's page, and the request form
        signIn("carlos");
        assertThat(driver.findElements(By.id("nav-inbox"))).as("a consumer has no inbox").isEmpty();
        driver.findElement(By.id("request-orders-daily")).click();
        browser.await(ExpectedConditions.textToBe(By.id("product-title"), "Daily orders"), PAGE);
        browser.awaitVaadinIdle(PAGE);
        assertThat(driver.getCurrentUrl()).endsWith("/product/orders-daily");
        choose("request-purpose", "analytics");
        type(By.cssSelector("#request-duration input"), "60");
        type(By.cssSelector("#request-justification textarea"), "weekly revenue report");
        browser.screenshot("04-request-form");
        click(By.id("request-submit"));
        WebElement outcome = browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("request-outcome")), PAGE);
        assertThat(outcome.getText()).isEqualTo("Requested — waiting for the orders domain owners.");
        assertThat(driver.findElements(By.className("policy-feedback"))).extracting(WebElement::getText)
                .singleElement().asString().contains("30");
        browser.screenshot("05-requested");

        // the inbox is refused server-side too, not only hidden
        driver.get(portalUrl.resolve("/inbox").toString());
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("access-denied")), PAGE);
        signOut();

        // olivia, owner of the orders domain: her inbox, approve with a row filter
        signIn("olivia");
        driver.findElement(By.id("nav-inbox")).click();
        browser.await(ExpectedConditions.textToBe(By.id("inbox-status"), "1 pending request(s)"), PAGE);
        browser.awaitVaadinIdle(PAGE);
        assertThat(gridCellTexts("inbox-grid")).contains("carlos", "orders-daily", "order-lines", "analytics",
                "60 d", "weekly revenue report");
        browser.screenshot("06-inbox");
        driver.findElement(By.cssSelector("#inbox-grid vaadin-button.inbox-decide")).click();
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("decision-row-filter")), PAGE);
        browser.awaitVaadinIdle(PAGE);
        type(By.cssSelector("#decision-row-filter input"), "channel in ('web')");
        type(By.cssSelector("#decision-duration input"), "30");
        browser.screenshot("07-approve");
        driver.findElement(By.id("decision-approve")).click();
        browser.await(ExpectedConditions.textToBe(By.id("inbox-status"), "Nothing to decide."), PAGE);
        browser.awaitVaadinIdle(PAGE);
        browser.screenshot("08-approved");
        signOut();

        // carlos: the request approved, and the grant with its row filter
        signIn("carlos");
        driver.findElement(By.id("nav-access")).click();
        browser.await(ExpectedConditions.textToBe(By.id("grants-status"), "1 grant(s)"), PAGE);
        browser.awaitVaadinIdle(PAGE);
        assertThat(gridCellTexts("my-requests")).contains("orders-daily", "order-lines", "analytics", "approved", "olivia");
        assertThat(gridCellTexts("my-grants")).contains("orders-daily", "order-lines", "analytics", "active")
                .anySatisfy(cell -> assertThat(cell).contains("channel").contains("web"))
                .anySatisfy(cell -> assertThat(cell).contains("customer_email: partial"));
        browser.screenshot("09-my-grants");

        // and gives it back: revoked at once, kept on record
        driver.findElement(By.xpath("//*[@id='my-grants']//vaadin-button[normalize-space()='Revoke']")).click();
        browser.awaitVaadinIdle(PAGE);
        browser.await(d -> gridCellTexts("my-grants").contains("revoked"), PAGE);
        assertThat(driver.findElements(By.xpath("//*[@id='my-grants']//vaadin-button[normalize-space()='Revoke']")))
                .allSatisfy(button -> assertThat(button.isDisplayed()).isFalse());
        browser.screenshot("10-revoked");
        signOut();
        timing("access journey", journey);
    }

    private static void putAsAda(String path, String json) throws Exception {
        String token = new PasswordGrant(keycloakUrl, realm).accessToken("ada", RealmSettings.DEMO_PASSWORD);
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(nodeUrl.resolve(path))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("PUT %s: %s", path, answer.body()).isBetween(200, 201);
    }

    private static void signIn(String user) {
        var driver = browser.driver;
        driver.get(portalUrl.toString());
        browser.await(ExpectedConditions.elementToBeClickable(By.id("sign-in-keycloak")), PAGE).click();
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("username")), PAGE);
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(RealmSettings.DEMO_PASSWORD);
        driver.findElement(By.id("kc-login")).click();
        browser.await(ExpectedConditions.textToBe(By.id("user-username"), "@" + user), PAGE);
        browser.awaitVaadinIdle(PAGE);
    }

    private static void signOut() {
        browser.driver.findElement(By.id("sign-out")).click();
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-keycloak")), PAGE);
    }

    /**
     * Clicks an element of the page's content: scrolled into the middle of the view first, since the
     * product page's request form lies below the fold at 1280×900 (the app layout scrolls its own
     * content area, which a plain WebDriver click does not).
     */
    private static void click(By element) {
        WebElement target = browser.await(ExpectedConditions.elementToBeClickable(element), PAGE);
        browser.driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", target);
        target.click();
    }

    /** Opens a vaadin-select and picks the item with this label. */
    private static void choose(String selectId, String label) {
        click(By.id(selectId));
        browser.await(ExpectedConditions.elementToBeClickable(
                By.xpath("//vaadin-select-item[normalize-space()='" + label + "']")), PAGE).click();
        browser.awaitVaadinIdle(PAGE);
    }

    /** Replaces a field's text and leaves the field, so that Vaadin sends the value. */
    private static void type(By input, String text) {
        WebElement field = browser.driver.findElement(input);
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), text, Keys.TAB);
        browser.awaitVaadinIdle(PAGE);
    }

    /** The texts of the grid's rendered cells (light DOM of vaadin-grid). */
    private static List<String> gridCellTexts() {
        return gridCellTexts("catalog-grid");
    }

    @SuppressWarnings("unchecked")
    private static List<String> gridCellTexts(String gridId) {
        return (List<String>) browser.driver.executeScript(
                "return Array.from(document.querySelectorAll('#' + arguments[0] + ' vaadin-grid-cell-content'))"
                        + ".map(cell => cell.textContent.trim());", gridId);
    }

    private static String requiredEnv(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new AssertionError(name + " is not set: this test needs the test Keycloak; run ./meshwork test");
        }
        return value;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static void timing(String what, long startNanos) {
        System.out.printf("[timing] %s: %d ms%n", what, (System.nanoTime() - startNanos) / 1_000_000);
    }
}
