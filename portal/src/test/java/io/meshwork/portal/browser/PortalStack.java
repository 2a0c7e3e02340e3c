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
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.yaml.snakeyaml.Yaml;

/**
 * One running mesh for a browser test class, real components only: a throwaway realm on the test
 * Keycloak of {@code ./meshwork test} (with the admin client, so the node administers identity), the
 * node jar as its own process with the demo contracts and products, the portal jar, and headless
 * Chromium; plus the steps every journey takes (sign in and out, type, choose, read a grid).
 */
final class PortalStack implements AutoCloseable {

    static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    /** -Dmeshwork.node.jar=… runs a copy, when the deploy module is being rebuilt beside the test */
    private static final Path NODE_JAR = Path.of(System.getProperty("meshwork.node.jar",
            MODULE.resolve("../deploy/target/meshwork-node.jar").normalize().toString()));
    /** -Dmeshwork.portal.jar=… likewise, when another build of this module may replace the jar meanwhile */
    private static final Path PORTAL_JAR = Path.of(System.getProperty("meshwork.portal.jar",
            MODULE.resolve("target/meshwork-portal.jar").toString()));
    private static final Path DEMO = MODULE.resolve("../deploy/demo").normalize();
    static final Duration PAGE = Duration.ofSeconds(30);

    final URI keycloakUrl;
    final String realm;
    final URI nodeUrl;
    final URI portalUrl;
    final Chromium browser;
    private final RealmProvisioner provisioner;
    private final Path workDir;
    private final List<AutoCloseable> started = new ArrayList<>();

    private PortalStack(URI keycloakUrl, String realm, URI nodeUrl, URI portalUrl, Chromium browser,
            RealmProvisioner provisioner, Path workDir) {
        this.keycloakUrl = keycloakUrl;
        this.realm = realm;
        this.nodeUrl = nodeUrl;
        this.portalUrl = portalUrl;
        this.browser = browser;
        this.provisioner = provisioner;
        this.workDir = workDir;
    }

    static PortalStack start(String name) throws Exception {
        return start(name, Map.of());
    }

    /** @param nodeSettings more MESHWORK_* settings of the node (e.g. a short telemetry sample period) */
    static PortalStack start(String name, Map<String, String> nodeSettings) throws Exception {
        URI keycloakUrl = URI.create(requiredEnv("MESHWORK_TEST_KEYCLOAK_URL").replaceAll("/+$", ""));
        Path workDir = Files.createDirectories(MODULE.resolve("target/it-" + name));
        TestFiles.deleteTree(workDir.resolve("node-home"));
        int portalPort = freePort();
        URI portalUrl = URI.create("http://127.0.0.1:" + portalPort);
        String realm = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        String portalSecret = UUID.randomUUID().toString();
        String adminClientSecret = UUID.randomUUID().toString();
        RealmProvisioner provisioner = RealmProvisioner.connect(keycloakUrl, requiredEnv("MESHWORK_TEST_KEYCLOAK_ADMIN"),
                requiredEnv("MESHWORK_TEST_KEYCLOAK_ADMIN_PASSWORD"));
        provisioner.apply(RealmSettings.of(realm, portalSecret, List.of(portalUrl.toString()), true)
                .withAdminClientSecret(adminClientSecret));

        int nodePort = freePort();
        URI nodeUrl = URI.create("http://127.0.0.1:" + nodePort);
        Path home = Files.createDirectories(workDir.resolve("node-home"));
        Map<String, String> nodeEnv = new java.util.HashMap<>(nodeSettings);
        nodeEnv.putAll(Map.of(
                "MESHWORK_HTTP_PORT", String.valueOf(nodePort),
                "MESHWORK_HOME", home.toString(),
                "MESHWORK_KEYCLOAK_URL", keycloakUrl.toString(),
                "MESHWORK_REALM", realm,
                "MESHWORK_ADMIN_CLIENT_SECRET", adminClientSecret,
                // pipelines may read the demo data files (the orders-daily demo pipeline does)
                "MESHWORK_DATAPLANE_FILE_ROOTS", DEMO.resolve("data").toString()));
        JavaProcess node = JavaProcess.start("mesh node", NODE_JAR, nodeEnv, workDir.resolve("node.log"));
        PortalStack stack = null;
        try {
            node.awaitHttp(nodeUrl.resolve("/health/ready"), 200, Duration.ofSeconds(60));
            JavaProcess portal = JavaProcess.start("portal", PORTAL_JAR, Map.of(
                    "MESHWORK_PORTAL_PORT", String.valueOf(portalPort),
                    "MESHWORK_KEYCLOAK_URL", keycloakUrl.toString(),
                    "MESHWORK_REALM", realm,
                    "MESHWORK_PORTAL_CLIENT_SECRET", portalSecret,
                    "MESHWORK_NODE_URL", nodeUrl.toString()), workDir.resolve("portal.log"));
            stack = new PortalStack(keycloakUrl, realm, nodeUrl, portalUrl, null, provisioner, workDir);
            stack.started.add(node::close);
            stack.started.add(portal::close);
            stack.loadDemo();
            portal.awaitHttp(portalUrl.resolve("/"), 302, Duration.ofSeconds(60));
            PortalStack ready = new PortalStack(keycloakUrl, realm, nodeUrl, portalUrl,
                    new Chromium(MODULE.resolve("target/screenshots")), provisioner, workDir);
            ready.started.addAll(stack.started);
            return ready;
        } catch (Exception | AssertionError failure) {
            if (stack == null) {
                node.close();
            } else {
                stack.started.forEach(PortalStack::closeQuietly);
            }
            provisioner.deleteRealm(realm);
            provisioner.close();
            throw failure;
        }
    }

    /** PUTs every demo contract, then every demo product, as ada (mesh-admin). */
    private void loadDemo() throws Exception {
        String token = token("ada");
        putAll(token, DEMO.resolve("contracts"), "contracts");
        putAll(token, DEMO.resolve("products"), "products");
    }

    private void putAll(String token, Path folder, String kind) throws Exception {
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path file : files) {
            String yaml = Files.readString(file);
            Map<String, Object> document = new Yaml().load(yaml);
            HttpResponse<String> answer = send("PUT", "/api/v1/" + kind + "/" + document.get("id"), token, "application/yaml", yaml);
            assertThat(answer.statusCode()).as("PUT %s: %s", file.getFileName(), answer.body()).isBetween(200, 201);
        }
    }

    String token(String user) {
        return new PasswordGrant(keycloakUrl, realm).accessToken(user, RealmSettings.DEMO_PASSWORD);
    }

    HttpResponse<String> send(String method, String path, String token, String contentType, String body) throws Exception {
        var request = HttpRequest.newBuilder(nodeUrl.resolve(path))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What a journey does; may throw anything. */
    interface Steps {
        void run() throws Exception;
    }

    /** Runs one journey from fresh sessions at 1280×800; saves {@code failed-<name>.png} if it fails, prints its time. */
    void journey(String name, Steps steps) throws Exception {
        long start = System.nanoTime();
        try {
            forgetSessions();
            browser.driver.manage().window().setSize(new Dimension(1280, 800));
            steps.run();
        } catch (Exception | AssertionError failure) {
            browser.screenshot("failed-" + name);
            throw failure;
        }
        System.out.printf("[timing] %s: %d ms%n", name, (System.nanoTime() - start) / 1_000_000);
    }

    /** Olivia pushes the demo order lines into orders-daily through the node, as a pipeline would, and waits for the commit. */
    void loadOrderLines() throws Exception {
        String olivia = token("olivia");
        var answer = send("POST", "/api/v1/products/orders-daily/ports/order-lines/batches", olivia, "text/csv",
                Files.readString(DEMO.resolve("data/orders-daily.csv")));
        assertThat(answer.statusCode()).as("batch upload: %s", answer.body()).isBetween(200, 202);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!send("GET", "/api/v1/products/orders-daily/ports/order-lines/batches", olivia, null, null).body().contains("\"committed\"")) {
            assertThat(System.nanoTime()).as("the batch is committed within 60 s").isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    // browser steps

    void signIn(String user) {
        var driver = browser.driver;
        driver.get(portalUrl.toString());
        // the portal's sign-in page: Meshwork's own accounts are behind "Sign in with Keycloak"
        // (a Keycloak session may skip it and go straight to Keycloak's form)
        browser.await(ExpectedConditions.or(ExpectedConditions.elementToBeClickable(By.id("sign-in-keycloak")),
                ExpectedConditions.visibilityOfElementLocated(By.id("username"))), PAGE);
        if (driver.findElements(By.id("username")).isEmpty()) {
            driver.findElement(By.id("sign-in-keycloak")).click();
        }
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("username")), PAGE);
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(RealmSettings.DEMO_PASSWORD);
        driver.findElement(By.id("kc-login")).click();
        browser.await(ExpectedConditions.textToBe(By.id("user-username"), "@" + user), PAGE);
        browser.awaitVaadinIdle(PAGE);
    }

    void signOut() {
        browser.driver.findElement(By.id("sign-out")).click();
        browser.await(ExpectedConditions.or(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-keycloak")),
                ExpectedConditions.visibilityOfElementLocated(By.id("username"))), PAGE);
    }

    /** Opens a portal path (bookmark-style) and waits for Vaadin. */
    void open(String path) {
        browser.driver.get(portalUrl.resolve(path).toString());
        browser.awaitVaadinIdle(PAGE);
    }

    /** Replaces a field's text and leaves the field, so that Vaadin sends the value. */
    void type(By input, String text) {
        WebElement field = browser.driver.findElement(input);
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        if (!text.isEmpty()) {
            field.sendKeys(text);
        }
        field.sendKeys(Keys.TAB);
        browser.awaitVaadinIdle(PAGE);
    }

    void click(By element) {
        WebElement target = browser.await(ExpectedConditions.elementToBeClickable(element), PAGE);
        // below the fold at 1280×800: into the middle of the view first
        browser.driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", target);
        try {
            target.click();
        } catch (org.openqa.selenium.ElementClickInterceptedException underANotification) {
            // a success notification lies over it for a few seconds; a person would click beside it
            browser.driver.executeScript("arguments[0].click()", target);
        }
        browser.awaitVaadinIdle(PAGE);
    }

    /** Opens a vaadin-select and picks the item with this label. */
    void choose(String selectId, String label) {
        click(By.id(selectId));
        browser.await(ExpectedConditions.elementToBeClickable(
                By.xpath("//vaadin-select-item[normalize-space()='" + label + "']")), PAGE).click();
        browser.awaitVaadinIdle(PAGE);
    }

    /** The error message a Vaadin field shows, empty when valid. */
    String errorOf(String fieldId) {
        Object message = browser.driver.executeScript(
                "const f = document.getElementById(arguments[0]); return f && f.invalid ? (f.errorMessage || '') : '';", fieldId);
        return message == null ? "" : message.toString();
    }

    @SuppressWarnings("unchecked")
    List<String> gridCellTexts(String gridId) {
        return (List<String>) browser.driver.executeScript(
                "return Array.from(document.querySelectorAll('#' + arguments[0] + ' vaadin-grid-cell-content'))"
                        + ".map(cell => cell.textContent.trim());", gridId);
    }

    /** A screenshot at a narrow window (400 px wide), then back to 1280×800. */
    void narrowScreenshot(String name) throws IOException {
        var window = browser.driver.manage().window();
        window.setSize(new Dimension(400, 800));
        browser.awaitVaadinIdle(PAGE);
        browser.screenshot(name);
        window.setSize(new Dimension(1280, 800));
        browser.awaitVaadinIdle(PAGE);
    }

    /** Fresh cookies: Keycloak's and the portal's share the host 127.0.0.1. */
    void forgetSessions() {
        browser.driver.get(portalUrl.toString());
        browser.driver.manage().deleteAllCookies();
        // Keycloak's session cookies are scoped to the realm's path: only visible (and deletable) there.
        // A static document under that path, not the account console: the console's script starts a
        // sign-in of its own, which could otherwise win the race with the next journey's sign-in.
        browser.driver.get(keycloakUrl + "/realms/" + realm + "/.well-known/openid-configuration");
        browser.driver.manage().deleteAllCookies();
    }

    @Override
    public void close() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            for (int i = started.size() - 1; i >= 0; i--) {
                closeQuietly(started.get(i));
            }
            TestFiles.deleteTree(workDir.resolve("node-home"));
            provisioner.deleteRealm(realm);
            provisioner.close();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // stopping the rest matters more than this one's failure
        }
    }

    static String requiredEnv(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new AssertionError(name + " is not set: this test needs the test Keycloak; run ./meshwork test");
        }
        return value;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
