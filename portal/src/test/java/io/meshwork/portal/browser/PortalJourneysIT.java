package io.meshwork.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The portal's journeys beyond sign-in, as the demo users, on one running mesh for the class (real
 * Keycloak, node jar, portal jar, headless Chromium): ada federates an OIDC provider; olivia registers
 * a product, fixing a validation error on the way; carlos searches, requests, olivia approves, carlos
 * queries. Screenshots of every step go to {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalJourneysIT {

    private static PortalStack mesh;
    private static final Duration PAGE = PortalStack.PAGE;

    @BeforeAll
    static void startTheMesh() throws Exception {
        long start = System.nanoTime();
        mesh = PortalStack.start("portal-journeys");
        System.out.printf("[timing] portal journeys stack: %d ms%n", (System.nanoTime() - start) / 1_000_000);
    }

    @AfterAll
    static void stopTheMesh() throws Exception {
        if (mesh != null) {
            mesh.close();
        }
    }

    private static void journey(String name, ThrowingRunnable steps) throws Exception {
        long start = System.nanoTime();
        try {
            mesh.forgetSessions();
            steps.run();
        } catch (Exception | AssertionError failure) {
            mesh.browser.screenshot("failed-" + name);
            throw failure;
        }
        System.out.printf("[timing] %s: %d ms%n", name, (System.nanoTime() - start) / 1_000_000);
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    @Order(1)
    void adaAddsAnOidcProviderFixingItsDiscoveryUrlAndMapsARole() throws Exception {
        journey("admin-journey", () -> {
            var driver = mesh.browser.driver;
            var browser = mesh.browser;
            mesh.signIn("ada");
            assertThat(driver.findElements(By.id("nav-providers"))).as("a mesh admin sees the administration").isNotEmpty();
            mesh.click(By.id("nav-providers"));
            browser.await(ExpectedConditions.textToBe(By.id("providers-status"),
                    "No identity provider is federated yet: people sign in with Meshwork accounts only. Add one to offer \"Sign in with …\"."), PAGE);
            browser.screenshot("20-admin-providers-empty");

            mesh.click(By.id("add-provider"));
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("provider-alias")), PAGE);
            // the form's own checks first: nothing filled in
            mesh.click(By.id("provider-save"));
            assertThat(mesh.errorOf("provider-alias")).startsWith("Required");
            assertThat(mesh.errorOf("provider-client-secret")).isEqualTo("Required for OpenID Connect");

            // a discovery URL that answers 404: the node says so, at the field
            mesh.type(By.cssSelector("#provider-alias input"), "company-sso");
            mesh.type(By.cssSelector("#provider-display-name input"), "Company SSO");
            mesh.type(By.cssSelector("#provider-discovery-url input"),
                    mesh.keycloakUrl + "/realms/no-such-realm/.well-known/openid-configuration");
            mesh.type(By.cssSelector("#provider-client-id input"), "meshwork");
            mesh.type(By.cssSelector("#provider-client-secret input"), "company-secret");
            mesh.click(By.id("provider-save"));
            browser.await(d -> !mesh.errorOf("provider-discovery-url").isEmpty(), PAGE);
            assertThat(mesh.errorOf("provider-alias")).isEmpty();
            browser.screenshot("21-admin-provider-discovery-error");

            mesh.type(By.cssSelector("#provider-discovery-url input"),
                    mesh.keycloakUrl + "/realms/master/.well-known/openid-configuration");
            mesh.click(By.id("provider-save"));
            browser.await(ExpectedConditions.textToBe(By.id("providers-status"), "1 provider(s)"), PAGE);
            assertThat(mesh.gridCellTexts("providers-grid")).contains("company-sso", "OIDC", "Company SSO", "enabled",
                    mesh.keycloakUrl + "/realms/master");
            browser.screenshot("22-admin-provider-added");

            // a mapper: department = data → domain-owner
            mesh.click(By.cssSelector("#providers-grid vaadin-button.provider-mappers"));
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("mapper-name")), PAGE);
            mesh.type(By.cssSelector("#mapper-name input"), "data-team-owners");
            mesh.type(By.cssSelector("#mapper-claim input"), "department");
            mesh.type(By.cssSelector("#mapper-value input"), "data");
            mesh.choose("mapper-role", "domain-owner");
            mesh.click(By.id("mapper-add"));
            browser.await(ExpectedConditions.textToBe(By.id("mappers-status"), "1 mapper(s)"), PAGE);
            assertThat(mesh.gridCellTexts("mappers-grid")).contains("department = data → role domain-owner");
            browser.screenshot("23-admin-provider-mapper");
            mesh.click(By.id("provider-dialog-close"));

            // disable it, then see it at narrow width
            mesh.click(By.cssSelector("#providers-grid vaadin-button.provider-disable"));
            browser.await(d -> mesh.gridCellTexts("providers-grid").contains("disabled"), PAGE);
            mesh.narrowScreenshot("24-admin-providers-narrow");

            // the audit log and users are there for ada
            mesh.open("admin/users?q=carlos");
            browser.await(ExpectedConditions.textToBe(By.id("users-status"), "1 user(s)"), PAGE);
            assertThat(mesh.gridCellTexts("users-grid")).contains("carlos");
            browser.screenshot("25-admin-users");
            mesh.signOut();

            // carlos has no administration: hidden, and refused by URL
            mesh.signIn("carlos");
            assertThat(driver.findElements(By.id("nav-admin"))).isEmpty();
            mesh.open("admin/providers");
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("access-denied")), PAGE);
            WebElement denied = driver.findElement(By.id("access-denied"));
            assertThat(denied.getText()).contains("Access denied");
            mesh.signOut();
        });
    }

    static final String REFUNDS = """
            apiVersion: v1.0.0
            kind: DataProduct
            id: order-refunds
            name: Order refunds
            status: proposed
            domain: orders
            description:
              purpose: Refunds paid per order line, daily.
            tags: [finance]
            outputPorts:
              - name: refunds
                version: 1.0.0
                contractId: %s
            """;

    @Test
    @Order(2)
    void oliviaRegistersAProductFixingAnUnknownContractOnTheWay() throws Exception {
        journey("register-journey", () -> {
            var driver = mesh.browser.driver;
            var browser = mesh.browser;
            mesh.signIn("olivia");
            mesh.click(By.id("nav-register"));
            browser.await(ExpectedConditions.textToBe(By.id("register-status"), "Nothing to check yet."), PAGE);

            // pasted YAML whose output port names a contract nobody registered
            mesh.type(By.cssSelector("#yaml-editor textarea"), REFUNDS.formatted("order-refunds-v1"));
            browser.await(d -> d.findElement(By.id("register-publish")).getText().equals("Publish product order-refunds"), PAGE);
            mesh.click(By.id("register-publish"));
            browser.await(d -> !d.findElements(By.className("register-problem")).isEmpty(), PAGE);
            assertThat(driver.findElements(By.className("register-problem"))).extracting(WebElement::getText)
                    .singleElement().asString().startsWith("line 13 · /outputPorts/0/contractId:").contains("order-refunds-v1");
            assertThat(driver.findElement(By.id("register-status")).getText()).startsWith("Not published");
            browser.screenshot("30-register-unknown-contract");

            // fixed: the returns contract, which is registered
            mesh.type(By.cssSelector("#yaml-editor textarea"), REFUNDS.formatted("order-returns-v1"));
            browser.await(d -> d.findElements(By.className("register-problem")).isEmpty(), PAGE);
            mesh.click(By.id("register-publish"));
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("register-published")), PAGE);
            assertThat(driver.findElement(By.id("register-published")).getText())
                    .isEqualTo("Published data product Order refunds (order-refunds)");
            browser.screenshot("31-register-published");

            mesh.click(By.id("register-open-product"));
            browser.await(ExpectedConditions.textToBe(By.id("product-title"), "Order refunds"), PAGE);
            assertThat(driver.getCurrentUrl()).endsWith("/product/order-refunds");
            browser.screenshot("32-registered-product-page");

            // the form writes the YAML: a required field left empty is marked at the field
            mesh.open("register");
            mesh.click(By.id("register-tab-form"));
            mesh.type(By.cssSelector("#form-id input"), "order-credits");
            mesh.click(By.id("register-publish"));
            assertThat(mesh.errorOf("form-name")).isEqualTo("Required");
            assertThat(driver.findElement(By.cssSelector("#yaml-editor textarea")).getAttribute("value")).contains("id: order-credits");
            mesh.narrowScreenshot("33-register-form-narrow");
            mesh.signOut();
        });
    }
}
