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
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.yaml.snakeyaml.Yaml;

/**
 * The walking skeleton end to end, with real components only: the test Keycloak of {@code ./meshwork test}
 * (a throwaway realm of its own), the mesh node jar as its own process, the demo contracts and products, the portal jar,
 * and headless Chromium. Carlos signs in, sees the demo products in the catalog, and signs out.
 * Screenshots of each step go to {@code target/screenshots/}.
 */
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

        URI nodeUrl = startNode();
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
    void carlosSignsInSeesTheDemoProductsAndSignsOut() throws Exception {
        var driver = browser.driver;
        String loginPage = keycloakUrl + "/realms/" + realm + "/";

        driver.get(portalUrl.toString());
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
        browser.await(ExpectedConditions.urlContains(loginPage), PAGE);
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("username")), PAGE);
        browser.screenshot("03-signed-out");

        // signed out of the portal and of Keycloak: opening the portal again asks to sign in
        driver.get(portalUrl.toString());
        browser.await(ExpectedConditions.urlContains(loginPage), PAGE);
        assertThat(driver.findElements(By.id("username"))).isNotEmpty();
    }

    /** The texts of the grid's rendered cells (light DOM of vaadin-grid). */
    @SuppressWarnings("unchecked")
    private static List<String> gridCellTexts() {
        return (List<String>) browser.driver.executeScript(
                "return Array.from(document.querySelectorAll('#catalog-grid vaadin-grid-cell-content'))"
                        + ".map(cell => cell.textContent.trim());");
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
