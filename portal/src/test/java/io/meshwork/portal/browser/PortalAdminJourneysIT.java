package io.meshwork.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwork.identity.realm.PasswordGrant;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The SRE's and the mesh admin's journeys, role-aware navigation, the keyboard and a phone-sized
 * window, on one running mesh (real Keycloak, node jar sampling its telemetry every second, portal
 * jar, headless Chromium): sam watches the SRE dashboard fill with charts and move by push; ada
 * manages users, service accounts, global policies and reads the audit log; carlos and sam are kept
 * out of what their roles cannot use. Screenshots under {@code target/screenshots/9*.png}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalAdminJourneysIT {

    private static final Duration PAGE = PortalStack.PAGE;
    /** Buttons without text and without a name for screen readers; fields without a label or aria-label. */
    private static final String UNLABELLED = """
            const shown = e => e.checkVisibility();
            const buttons = Array.from(document.querySelectorAll('vaadin-button, vaadin-drawer-toggle')).filter(shown)
                .filter(b => !b.textContent.trim() && !b.getAttribute('aria-label') && !b.getAttribute('aria-labelledby'));
            const fields = Array.from(document.querySelectorAll('vaadin-text-field, vaadin-text-area, vaadin-integer-field,'
                + ' vaadin-select, vaadin-combo-box, vaadin-multi-select-combo-box, vaadin-date-picker, vaadin-checkbox')).filter(shown)
                .filter(f => !f.label && !f.accessibleName && !f.getAttribute('aria-label'));
            return buttons.concat(fields).map(e => e.outerHTML.substring(0, 160));
            """;
    /** The element that has the keyboard focus, through shadow roots, with the id of its nearest light-DOM host. */
    private static final String FOCUS = """
            let host = document.activeElement, deepest = host;
            while (deepest && deepest.shadowRoot && deepest.shadowRoot.activeElement) deepest = deepest.shadowRoot.activeElement;
            const visible = (deepest && deepest.matches(':focus-visible')) || (host && host.hasAttribute('focus-ring'));
            return [host ? host.id || host.tagName.toLowerCase() : '', String(visible)];
            """;

    private static PortalStack mesh;

    @BeforeAll
    static void startTheMesh() throws Exception {
        long start = System.nanoTime();
        // the node samples its meters every second, so that the dashboard moves while the test watches
        mesh = PortalStack.start("portal-admin", Map.of("MESHWORK_MONITORING_TELEMETRY_SAMPLE_SECONDS", "1"));
        System.out.printf("[timing] portal admin stack: %d ms%n", (System.nanoTime() - start) / 1_000_000);
    }

    @AfterAll
    static void stopTheMesh() throws Exception {
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    @Order(1)
    void samWatchesTheSreDashboardFillWithDataAndMoveByPush() throws Exception {
        mesh.journey("sre-journey", () -> {
            var driver = mesh.browser.driver;
            var browser = mesh.browser;
            traffic();
            mesh.loadOrderLines();

            mesh.signIn("sam");
            mesh.click(By.id("nav-sre"));
            // charts with plotted points: a path of at least two points (M … L …) per chart
            browser.await(d -> pathOf("red-chart").contains(" L"), PAGE);
            browser.await(d -> pathOf("ingestion-chart").startsWith("M"), PAGE);
            assertThat(pathOf("latency-chart")).startsWith("M");
            // the SLO board lists the demo products, each red or green (or pending)
            assertThat(driver.findElements(By.cssSelector("#sre-slo-board .slo-tile"))).hasSizeGreaterThanOrEqualTo(3);
            assertThat(driver.findElement(By.id("sre-slo-board")).getText()).contains("orders-daily");
            // RED per route, recent errors with their trace ids, node health
            browser.await(d -> mesh.gridCellTexts("routes-grid").contains("GET /api/v1/products"), PAGE);
            browser.await(d -> mesh.gridCellTexts("errors-grid").stream().anyMatch(t -> t.matches("[0-9a-f]{32}")), PAGE);
            assertThat(mesh.gridCellTexts("errors-grid")).contains("403");
            assertThat(driver.findElement(By.id("node-health")).getText()).endsWith("up");
            browser.screenshot("90-sre-dashboard");
            driver.executeScript("document.getElementById('sre-routes').scrollIntoView({block: 'start'})");
            browser.screenshot("91-sre-dashboard-routes-errors");

            // live: a new sample arrives and the page changes without being reloaded
            driver.executeScript("window.meshworkNotReloaded = true");
            String before = driver.findElement(By.id("sre-refreshed")).getDomAttribute("data-newest-sample");
            int pointsBefore = points(pathOf("red-chart"));
            traffic();
            browser.await(d -> !before.equals(d.findElement(By.id("sre-refreshed")).getDomAttribute("data-newest-sample"))
                    && points(pathOf("red-chart")) > pointsBefore, Duration.ofSeconds(30));
            assertThat(driver.executeScript("return window.meshworkNotReloaded === true")).as("updated by push, not reloaded").isEqualTo(true);
            assertThat(driver.findElement(By.id("sre-live")).getDomProperty("textContent")).startsWith("Live:");
            assertThat(unlabelled()).isEmpty();

            // an SRE has no administration: hidden, and refused by URL
            assertThat(driver.findElements(By.id("nav-admin"))).isEmpty();
            mesh.open("admin/users");
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("access-denied")), PAGE);
            mesh.signOut();
        });
    }

    @Test
    @Order(2)
    void adaFindsAUserGivesARoleAndAGroupAndDisablesThem() throws Exception {
        mesh.journey("admin-users-journey", () -> {
            var driver = mesh.browser.driver;
            var browser = mesh.browser;
            mesh.signIn("ada");
            mesh.click(By.id("nav-users"));
            // search with the keyboard: type, Tab to "Search", Enter
            driver.findElement(By.cssSelector("#users-search input")).sendKeys("carlos");
            new Actions(driver).sendKeys(Keys.TAB).perform();
            assertThat(focus().get(0)).isEqualTo("users-find");
            new Actions(driver).sendKeys(Keys.ENTER).perform();
            browser.await(ExpectedConditions.urlContains("admin/users?q=carlos"), PAGE);
            browser.await(ExpectedConditions.textToBe(By.id("users-status"), "1 user(s)"), PAGE);
            mesh.click(By.xpath("//vaadin-grid-cell-content[normalize-space()='carlos']"));
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("user-role-sre")), PAGE);

            // a role, given with the keyboard (Space on the focused checkbox): the node has it
            driver.executeScript("document.querySelector('#user-role-sre input').focus()");
            new Actions(driver).sendKeys(Keys.SPACE).perform();
            browser.awaitVaadinIdle(PAGE);
            awaitUser("carlos", body -> body.contains("\"sre\""));
            assertThat(driver.findElement(By.cssSelector("#user-role-sre")).getDomAttribute("checked")).isNotNull();

            // a domain group, added and shown
            mesh.type(By.cssSelector("#user-new-group input"), "/domains/carts");
            mesh.click(By.id("user-join-group"));
            browser.await(d -> d.findElement(By.id("user-details")).getText().contains("/domains/carts"), PAGE);
            awaitUser("carlos", body -> body.contains("/domains/carts"));
            browser.screenshot("92-admin-user-roles-groups");

            // taken back: the group removed, the role unticked
            mesh.click(By.cssSelector("vaadin-button[aria-label='Remove carlos from /domains/carts']"));
            browser.await(d -> !d.findElement(By.id("user-details")).getText().contains("/domains/carts"), PAGE);
            mesh.click(By.cssSelector("#user-role-sre"));
            awaitUser("carlos", body -> !body.contains("\"sre\"") && !body.contains("/domains/carts"));

            // disabled: carlos can no longer sign in; enabled again: he can
            mesh.click(By.id("user-toggle"));
            browser.await(ExpectedConditions.textToBe(By.id("user-toggle"), "Enable user"), PAGE);
            assertThatThrownBy(() -> mesh.token("carlos")).isInstanceOf(PasswordGrant.Failure.class);
            browser.screenshot("93-admin-user-disabled");
            mesh.click(By.id("user-toggle"));
            browser.await(ExpectedConditions.textToBe(By.id("user-toggle"), "Disable user"), PAGE);
            assertThat(mesh.token("carlos")).isNotBlank();
            assertThat(unlabelled()).isEmpty();
            mesh.signOut();
        });
    }

    @Test
    @Order(3)
    void adaCreatesAServiceAccountSeesItsSecretOnceRotatesDisablesAndDeletesIt() throws Exception {
        mesh.journey("admin-service-accounts-journey", () -> {
            var driver = mesh.browser.driver;
            var browser = mesh.browser;
            mesh.signIn("ada");
            mesh.click(By.id("nav-service-accounts"));
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("account-create")), PAGE);
            // the form's own check first: no role chosen
            mesh.type(By.cssSelector("#account-domain input"), "orders");
            mesh.type(By.cssSelector("#account-name input"), "orders-loader");
            mesh.click(By.id("account-create"));
            assertThat(mesh.errorOf("account-roles")).isEqualTo("Choose at least one role");

            mesh.click(By.cssSelector("#account-roles input"));
            mesh.click(By.xpath("//vaadin-multi-select-combo-box-item[normalize-space()='domain-owner']"));
            new Actions(driver).sendKeys(Keys.ESCAPE).perform();
            mesh.type(By.cssSelector("#account-description input"), "nightly export of the shop");
            mesh.click(By.id("account-create"));
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("account-secret")), PAGE);
            String clientId = valueOf("account-client-id");
            String secret = valueOf("account-secret");
            String tokenEndpoint = valueOf("account-token-endpoint");
            assertThat(secret).isNotBlank();
            assertThat(clientCredentials(tokenEndpoint, clientId, secret)).as("the shown secret works").isEqualTo(200);
            browser.screenshot("94-admin-service-account-secret");
            mesh.click(By.id("secret-close"));
            browser.await(d -> mesh.gridCellTexts("accounts-grid").contains(clientId), PAGE);
            // shown once: the list never shows it again
            assertThat(driver.findElement(By.id("accounts-grid")).getText()).doesNotContain(secret);

            // rotate: a new secret, once; the old one stops working
            mesh.click(By.cssSelector("vaadin-button[aria-label='Rotate the secret of " + clientId + "']"));
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("account-secret")), PAGE);
            String rotated = valueOf("account-secret");
            assertThat(rotated).isNotBlank().isNotEqualTo(secret);
            mesh.click(By.id("secret-close"));
            assertThat(clientCredentials(tokenEndpoint, clientId, secret)).as("the old secret").isEqualTo(401);
            assertThat(clientCredentials(tokenEndpoint, clientId, rotated)).as("the new secret").isEqualTo(200);

            // disabled: listed as such, and no token any more
            mesh.click(By.cssSelector("vaadin-button[aria-label='Disable " + clientId + "']"));
            browser.await(d -> mesh.gridCellTexts("accounts-grid").contains("disabled"), PAGE);
            assertThat(clientCredentials(tokenEndpoint, clientId, rotated)).as("a disabled account").isNotEqualTo(200);
            browser.screenshot("95-admin-service-accounts");
            assertThat(unlabelled()).isEmpty();

            // deleted after a confirmation: a cancelled one first, so the confirmed one runs exactly once
            By delete = By.cssSelector("vaadin-button[aria-label='Delete " + clientId + "']");
            By confirmDialog = By.cssSelector("vaadin-confirm-dialog-overlay");
            mesh.click(delete);
            browser.await(ExpectedConditions.visibilityOfElementLocated(confirmDialog), PAGE);
            mesh.click(By.xpath("//vaadin-button[normalize-space()='Cancel' and @slot='cancel-button']"));
            browser.await(ExpectedConditions.invisibilityOfElementLocated(confirmDialog), PAGE);
            assertThat(mesh.gridCellTexts("accounts-grid")).contains(clientId);
            mesh.click(delete);
            browser.await(ExpectedConditions.visibilityOfElementLocated(confirmDialog), PAGE);
            browser.screenshot("95a-admin-service-account-delete");
            mesh.click(By.xpath("//vaadin-button[normalize-space()='Delete' and @slot='confirm-button']"));
            // an emptied grid is hidden (its stale cells may stay in the DOM): the status says so then
            browser.await(d -> d.findElement(By.id("accounts-status")).getText().startsWith("No service accounts")
                    || !mesh.gridCellTexts("accounts-grid").contains(clientId), PAGE);
            assertThat(mesh.send("GET", "/api/v1/identity/service-accounts/" + clientId, mesh.token("ada"), null, null)
                    .statusCode()).isEqualTo(404);
            assertThat(clientCredentials(tokenEndpoint, clientId, rotated)).as("a deleted account's secret").isEqualTo(401);
            assertThat(driver.findElements(By.id("access-denied"))).isEmpty();
            mesh.signOut();
        });
    }

    @Test
    @Order(4)
    void adaAddsAGlobalPolicyFixingItsDaysThenDeletesIt() throws Exception {
        mesh.journey("admin-policies-journey", () -> {
            var driver = mesh.browser.driver;
            var browser = mesh.browser;
            mesh.signIn("ada");
            mesh.click(By.id("nav-policies"));
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("policy-save")), PAGE);
            // the node refuses a maximum duration without its days, at the field
            mesh.type(By.cssSelector("#policy-id input"), "at-most-45-days");
            mesh.click(By.id("policy-save"));
            browser.await(d -> !mesh.errorOf("policy-max-days").isEmpty(), PAGE);
            assertThat(mesh.errorOf("policy-max-days")).contains("between 1 and 3650");
            browser.screenshot("96-admin-policy-error");

            mesh.type(By.cssSelector("#policy-max-days input"), "45");
            mesh.click(By.id("policy-save"));
            browser.await(d -> mesh.gridCellTexts("policies-grid").contains("at-most-45-days"), PAGE);
            assertThat(mesh.gridCellTexts("policies-grid")).contains("whole mesh", "maxDuration");
            assertThat(mesh.send("GET", "/api/v1/policies/at-most-45-days", mesh.token("ada"), null, null).statusCode()).isEqualTo(200);
            browser.screenshot("97-admin-policies");

            // deleted after a confirmation
            mesh.click(By.cssSelector("vaadin-button[aria-label='Delete policy at-most-45-days']"));
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("vaadin-confirm-dialog-overlay")), PAGE);
            mesh.click(By.xpath("//vaadin-button[normalize-space()='Delete' and @slot='confirm-button']"));
            browser.await(ExpectedConditions.textToBe(By.id("policies-status"), "No policies: only the domain owners' decisions limit access."),
                    PAGE);
            assertThat(mesh.send("GET", "/api/v1/policies/at-most-45-days", mesh.token("ada"), null, null).statusCode()).isEqualTo(404);
            assertThat(unlabelled()).isEmpty();
            assertThat(driver.findElements(By.id("access-denied"))).isEmpty();
            mesh.signOut();
        });
    }

    @Test
    @Order(5)
    void adaFiltersTheAuditLogByProductDayAndPrincipal() throws Exception {
        mesh.journey("admin-audit-journey", () -> {
            var driver = mesh.browser.driver;
            var browser = mesh.browser;
            // something to audit: carlos asks for access to orders-daily
            var request = mesh.send("POST", "/api/v1/access-requests", mesh.token("carlos"), "application/json", """
                    {"productId":"orders-daily","port":"order-lines","purpose":"analytics","durationDays":30,"columns":[],
                     "justification":"weekly revenue report"}""");
            assertThat(request.statusCode()).as("access request: %s", request.body()).isBetween(200, 201);

            mesh.signIn("ada");
            mesh.click(By.id("nav-audit"));
            browser.await(d -> d.findElement(By.id("audit-status")).getText().matches("\\d+ entr.*"), PAGE);
            String today = LocalDate.now(ZoneOffset.UTC).toString();
            mesh.type(By.cssSelector("#audit-product input"), "orders-daily");
            mesh.click(By.id("audit-apply"));
            browser.await(ExpectedConditions.urlContains("product=orders-daily"), PAGE);
            browser.await(d -> mesh.gridCellTexts("audit-grid").contains("access.requested"), PAGE);
            assertThat(mesh.gridCellTexts("audit-grid")).contains("carlos", "orders-daily / order-lines");
            browser.screenshot("98-admin-audit-filtered");

            // the principal of that entry, and today: a bookmarkable URL with all three filters
            String principal = mesh.gridCellTexts("audit-grid").stream().filter(t -> t.startsWith("user:")).findFirst().orElseThrow();
            mesh.open("admin/audit?product=orders-daily&principal=" + URLEncoder.encode(principal, StandardCharsets.UTF_8)
                    + "&from=" + today + "&to=" + today);
            browser.await(d -> mesh.gridCellTexts("audit-grid").contains("access.requested"), PAGE);
            assertThat(driver.findElement(By.cssSelector("#audit-principal input")).getDomProperty("value")).isEqualTo(principal);

            mesh.open("admin/audit?product=no-such-product");
            browser.await(ExpectedConditions.textToBe(By.id("audit-status"), "Nothing in the audit log matches these filters."), PAGE);
            assertThat(unlabelled()).isEmpty();
            mesh.signOut();
        });
    }

    @Test
    @Order(6)
    void carlosSeesNoAdministrationAndIsRefusedItByUrl() throws Exception {
        mesh.journey("role-aware-navigation", () -> {
            var driver = mesh.browser.driver;
            var browser = mesh.browser;
            mesh.signIn("carlos");
            assertThat(driver.findElements(By.id("nav-admin"))).isEmpty();
            assertThat(driver.findElements(By.id("nav-sre"))).isEmpty();
            for (String path : List.of("admin/users", "admin/service-accounts", "admin/policies", "admin/audit", "sre")) {
                mesh.open(path);
                browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("access-denied")), PAGE);
                assertThat(driver.findElement(By.id("access-denied")).getText()).as(path).contains("Access denied");
            }
            browser.screenshot("99-consumer-refused-admin");
            mesh.signOut();
        });
    }

    @Test
    @Order(7)
    void theNavigationWorksWithTheKeyboardAndOnAPhoneSizedWindow() throws Exception {
        mesh.journey("keyboard-and-narrow", () -> {
            var driver = mesh.browser.driver;
            var browser = mesh.browser;
            mesh.signIn("ada");
            // Tab from the top of the page reaches the main navigation, with a visible focus; Enter follows the link
            driver.executeScript("document.activeElement && document.activeElement.blur()");
            String focused = "";
            for (int i = 0; i < 40 && !focused.equals("nav-policies"); i++) {
                new Actions(driver).sendKeys(Keys.TAB).perform();
                focused = focus().get(0);
            }
            assertThat(focused).as("Tab reaches the Policies link").isEqualTo("nav-policies");
            assertThat(focus().get(1)).as("the focus is visible").isEqualTo("true");
            browser.screenshot("99a-keyboard-focus-navigation");
            new Actions(driver).sendKeys(Keys.ENTER).perform();
            browser.await(ExpectedConditions.urlContains("admin/policies"), PAGE);
            browser.awaitVaadinIdle(PAGE);

            // 390×844: the navigation is behind the drawer toggle, and no page scrolls sideways
            driver.manage().window().setSize(new Dimension(390, 844));
            browser.awaitVaadinIdle(PAGE);
            for (String path : List.of("", "sre", "admin/users?q=carlos", "admin/service-accounts", "admin/policies", "admin/audit",
                    "admin/providers")) {
                mesh.open(path);
                browser.await(d -> Boolean.TRUE.equals(driver.executeScript("return document.querySelector('vaadin-app-layout').overlay")),
                        PAGE);
                Object overflow = driver.executeScript("return document.documentElement.scrollWidth - window.innerWidth");
                assertThat(((Number) overflow).intValue()).as("sideways overflow of /%s at 390 px", path).isLessThanOrEqualTo(0);
            }
            mesh.open("sre");
            browser.screenshot("99b-sre-narrow");
            assertThat(driver.findElement(By.id("navigation")).isDisplayed()).as("the drawer is closed at first").isFalse();
            mesh.click(By.tagName("vaadin-drawer-toggle"));
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("nav-audit")), PAGE);
            // the drawer slides in: the screenshot once it is all there
            browser.await(d -> Boolean.TRUE.equals(driver.executeScript("return document.querySelector('vaadin-app-layout')"
                    + ".shadowRoot.querySelector('[part=drawer]').getBoundingClientRect().left >= 0")), PAGE);
            browser.screenshot("99c-navigation-drawer-narrow");
            mesh.click(By.id("nav-audit"));
            browser.await(ExpectedConditions.urlContains("admin/audit"), PAGE);
            mesh.signOut();
        });
    }

    // steps

    /** Requests the node answers (catalog reads) and one it refuses (a query without a grant: 403, with a trace id). */
    private static void traffic() throws Exception {
        String ada = mesh.token("ada");
        for (int i = 0; i < 5; i++) {
            assertThat(mesh.send("GET", "/api/v1/products", ada, null, null).statusCode()).isEqualTo(200);
        }
        var refused = mesh.send("POST", "/api/v1/query", mesh.token("carlos"), "application/json",
                "{\"sql\":\"SELECT * FROM orders.\\\"orders-daily\\\".\\\"order-lines\\\"\",\"purpose\":\"analytics\"}");
        assertThat(refused.statusCode()).as("an ungranted query: %s", refused.body()).isBetween(400, 499);
    }

    private static String pathOf(String chartId) {
        Object d = mesh.browser.driver.executeScript(
                "const p = document.querySelector('#' + arguments[0] + ' svg path.chart-series'); return p ? p.getAttribute('d') : '';", chartId);
        return d == null ? "" : d.toString();
    }

    private static int points(String path) {
        return path.isEmpty() ? 0 : path.split("[ML]").length - 1;
    }

    @SuppressWarnings("unchecked")
    private static List<String> focus() {
        return (List<String>) mesh.browser.driver.executeScript(FOCUS);
    }

    @SuppressWarnings("unchecked")
    private static List<String> unlabelled() {
        return (List<String>) mesh.browser.driver.executeScript(UNLABELLED);
    }

    private static void awaitUser(String username, java.util.function.Predicate<String> condition) {
        mesh.browser.await(d -> {
            try {
                return condition.test(mesh.send("GET", "/api/v1/identity/users/" + username, mesh.token("ada"), null, null).body());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, PAGE);
    }

    private static String valueOf(String fieldId) {
        return mesh.browser.driver.findElement(By.cssSelector("#" + fieldId + " input")).getDomProperty("value");
    }

    private static int clientCredentials(String tokenEndpoint, String clientId, String secret) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
