package io.meshwork.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
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
 * a product, the node's validation errors shown live at their line and field and fixed on the way;
 * carlos searches, requests, olivia approves, carlos queries; olivia runs her pipeline, browses the
 * quarantined rows and her domain's people; carlos downloads the port as Parquet, masked as granted.
 * Screenshots of every step go to {@code target/screenshots/}.
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

            // pasted YAML whose output port names a contract nobody registered: the node's dry run says so as it is
            // typed, at its line, and Publish waits for the fix
            mesh.type(By.cssSelector("#yaml-editor textarea"), REFUNDS.formatted("order-refunds-v1"));
            browser.await(d -> !d.findElements(By.className("register-problem")).isEmpty(), PAGE);
            assertThat(driver.findElements(By.className("register-problem"))).extracting(WebElement::getText)
                    .singleElement().asString().startsWith("line 13 · /outputPorts/0/contractId:").contains("order-refunds-v1");
            assertThat(driver.findElement(By.id("register-status")).getText()).startsWith("The node would refuse it");
            assertThat(driver.findElement(By.id("register-publish")).getDomAttribute("disabled")).isNotNull();
            browser.screenshot("40-register-unknown-contract");

            // fixed: the returns contract, which is registered; checked again as typed, nothing stored yet
            mesh.type(By.cssSelector("#yaml-editor textarea"), REFUNDS.formatted("order-returns-v1"));
            browser.await(d -> d.findElement(By.id("register-status")).getText().contains("checked by the node: publishing would register it"),
                    PAGE);
            assertThat(driver.findElements(By.className("register-problem"))).isEmpty();
            assertThat(mesh.send("GET", "/api/v1/products/order-refunds", mesh.token("olivia"), null, null).statusCode()).isEqualTo(404);
            mesh.click(By.id("register-publish"));
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("register-published")), PAGE);
            assertThat(driver.findElement(By.id("register-published")).getText())
                    .isEqualTo("Published data product Order refunds (order-refunds)");
            browser.screenshot("41-register-published");

            mesh.click(By.id("register-open-product"));
            browser.await(ExpectedConditions.textToBe(By.id("product-title"), "Order refunds"), PAGE);
            assertThat(driver.getCurrentUrl()).endsWith("/product/order-refunds");
            browser.screenshot("42-registered-product-page");

            // the form writes the YAML: a required field left empty is marked at the field
            mesh.open("register");
            mesh.click(By.id("register-tab-form"));
            mesh.type(By.cssSelector("#form-id input"), "order-credits");
            mesh.click(By.id("register-publish"));
            assertThat(mesh.errorOf("form-name")).isEqualTo("Required");
            assertThat(driver.findElement(By.cssSelector("#yaml-editor textarea")).getAttribute("value")).contains("id: order-credits");
            mesh.narrowScreenshot("43-register-form-narrow");

            // filled in, with a contract nobody registered: the node's error shows at the contract field while typing
            mesh.type(By.cssSelector("#form-name input"), "Order credits");
            mesh.type(By.cssSelector("#form-domain input"), "orders");
            mesh.type(By.cssSelector("#form-port input"), "credits");
            mesh.type(By.cssSelector("#form-contract input"), "order-credits-v1\n");
            browser.await(d -> mesh.errorOf("form-contract").contains("order-credits-v1"), PAGE);
            assertThat(mesh.errorOf("form-contract")).startsWith("no contract 'order-credits-v1' is registered");
            assertThat(mesh.errorOf("form-name")).isEmpty();
            assertThat(driver.findElement(By.id("register-publish")).getDomAttribute("disabled")).isNotNull();
            browser.screenshot("44-register-form-live-error");
            mesh.type(By.cssSelector("#form-contract input"), "order-returns-v1\n");
            browser.await(d -> mesh.errorOf("form-contract").isEmpty()
                    && d.findElement(By.id("register-status")).getText().contains("publishing would register it"), PAGE);
            assertThat(driver.findElement(By.id("register-publish")).getDomAttribute("disabled")).isNull();
            browser.screenshot("45-register-form-fixed");
            mesh.signOut();
        });
    }

    @Test
    @Order(3)
    void carlosSearchesRequestsOliviaApprovesCarlosQueriesMaskedData() throws Exception {
        journey("consumer-journey", () -> {
            var driver = mesh.browser.driver;
            var browser = mesh.browser;
            mesh.loadOrderLines();

            // carlos: a bookmarkable search, narrowed by a facet, to the product's page
            mesh.signIn("carlos");
            mesh.open("search?q=orders");
            browser.await(d -> d.findElement(By.id("search-status")).getText().contains("for \u201corders\u201d"), PAGE);
            assertThat(driver.findElements(By.cssSelector(".search-match"))).isNotEmpty();
            browser.screenshot("50-search");
            mesh.click(By.id("facet-domain-orders"));
            browser.await(ExpectedConditions.urlContains("domain=orders"), PAGE);
            browser.await(d -> d.findElement(By.id("search-status")).getText().contains("(domain orders)"), PAGE);
            mesh.click(By.id("hit-orders-daily"));
            browser.await(ExpectedConditions.textToBe(By.id("product-title"), "Daily orders"), PAGE);
            browser.awaitVaadinIdle(PAGE);
            assertThat(mesh.gridCellTexts("schema-grid")).contains("customer_email", "confidential");
            browser.screenshot("51-product-page");
            // further down: quality (the batch loaded above was measured) and the lineage graph, drawn
            driver.executeScript("document.getElementById('product-quality').scrollIntoView({block: 'start'})");
            browser.await(d -> !d.findElements(By.cssSelector("#product-lineage svg")).isEmpty()
                    || !d.findElements(By.cssSelector("#product-lineage .empty-state")).isEmpty(), PAGE);
            browser.screenshot("51b-product-quality-lineage");

            // the request
            mesh.choose("request-purpose", "analytics");
            mesh.type(By.cssSelector("#request-duration input"), "30");
            mesh.type(By.cssSelector("#request-justification textarea"), "channel mix report");
            mesh.click(By.id("request-submit"));
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("request-outcome")), PAGE);
            mesh.open("query");
            assertThat(driver.findElement(By.id("query-empty")).getText()).startsWith("You hold no active grant yet");
            mesh.signOut();

            // olivia approves, web orders only
            mesh.signIn("olivia");
            mesh.open("inbox");
            browser.await(ExpectedConditions.textToBe(By.id("inbox-status"), "1 pending request(s)"), PAGE);
            mesh.click(By.cssSelector("#inbox-grid vaadin-button.inbox-decide"));
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("decision-row-filter")), PAGE);
            mesh.type(By.cssSelector("#decision-row-filter input"), "channel in ('web')");
            mesh.click(By.id("decision-approve"));
            browser.await(ExpectedConditions.textToBe(By.id("inbox-status"), "Nothing to decide."), PAGE);
            mesh.signOut();

            // carlos queries: the email masked, only web orders
            mesh.signIn("carlos");
            mesh.open("query?product=orders-daily");
            browser.await(d -> d.findElement(By.id("query-effects")).getText().contains("customer_email is masked (partial)"), PAGE);
            assertThat(driver.findElement(By.id("query-effects")).getText()).contains("only rows where channel in ('web')");
            mesh.type(By.cssSelector("#query-sql textarea"),
                    "SELECT order_id, customer_email, channel, amount_eur FROM orders.\"orders-daily\".\"order-lines\" ORDER BY order_id LIMIT 50");
            mesh.click(By.id("query-run"));
            browser.await(d -> d.findElement(By.id("query-status")).getText().endsWith("row(s)"), PAGE);
            List<String> cells = mesh.gridCellTexts("query-results");
            assertThat(cells).contains("customer_email · masked (partial)").doesNotContain("dan.26@example.com", "store")
                    .anySatisfy(cell -> assertThat(cell).matches("d\\*\\*\\*@example\\.com"));
            assertThat(driver.findElement(By.id("query-download")).isDisplayed()).isTrue();
            browser.screenshot("52-query-masked");
            mesh.narrowScreenshot("53-query-narrow");
            mesh.signOut();
        });
    }

    @Test
    @Order(4)
    void oliviaRunsHerPipelineWithLiveProgressAndSamWatchesTheMesh() throws Exception {
        journey("pipeline-sre-journey", () -> {
            var driver = mesh.browser.driver;
            var browser = mesh.browser;
            String demoData = PortalStack.MODULE.resolve("../deploy/demo/data").normalize().toString();
            String pipeline = java.nio.file.Files.readString(PortalStack.MODULE.resolve("../deploy/demo/pipelines/orders-daily.yaml")
                    .normalize()).replace("@DEMO_DATA@", demoData);

            mesh.signIn("olivia");
            mesh.click(By.id("nav-pipeline"));
            browser.await(ExpectedConditions.textToBe(By.id("pipeline-status"), "Name a product you own to see its pipeline."), PAGE);
            mesh.open("pipeline?product=orders-daily");
            browser.await(d -> d.findElement(By.id("pipeline-status")).getText().startsWith("No pipeline yet"), PAGE);
            mesh.type(By.cssSelector("#pipeline-spec textarea"), pipeline);
            mesh.click(By.id("pipeline-save"));
            browser.await(d -> mesh.gridCellTexts("pipeline-sources").contains("shop-export"), PAGE);
            assertThat(mesh.gridCellTexts("pipeline-sources")).contains("shop-export", "order-lines", "csv", "0 2 * * *");
            assertThat(driver.findElement(By.id("pipeline-status")).getAttribute("textContent")).startsWith("1 source(s)");
            // back up to the sources (the saved page is long: batches and quarantined rows below), as a person scrolls
            driver.executeScript("document.getElementById('pipeline-sources').scrollIntoView({block: 'center'})");
            browser.awaitVaadinIdle(PAGE);
            mesh.click(By.cssSelector("#pipeline-sources vaadin-button.pipeline-run"));
            // pushed by the server as the run goes: no reload, no click
            // the same file was loaded by the consumer journey: its lines come back as duplicates, held in quarantine
            browser.await(d -> d.findElement(By.id("run-progress-text")).getText().matches("shop-export (committed|quarantined).*"), PAGE);
            assertThat(driver.findElement(By.id("run-progress")).getAttribute("value")).isEqualTo("1");
            browser.await(d -> !d.findElements(By.id("batches-order-lines")).isEmpty(), PAGE);
            browser.screenshot("60-pipeline-run");
            mesh.signOut();

            // sam (sre): the dashboard, refreshed while open
            mesh.signIn("sam");
            mesh.click(By.id("nav-sre"));
            browser.await(d -> d.findElement(By.id("sre-refreshed")).getText().startsWith("Refreshed"), PAGE);
            browser.await(d -> !d.findElements(By.className("slo-tile")).isEmpty(), PAGE);
            assertThat(driver.findElement(By.id("node-health")).getText()).endsWith("up");
            String first = driver.findElement(By.id("sre-refreshed")).getText();
            browser.await(d -> !d.findElement(By.id("sre-refreshed")).getText().equals(first), Duration.ofSeconds(15));
            browser.screenshot("61-sre-dashboard");
            mesh.narrowScreenshot("62-sre-dashboard-narrow");
            mesh.signOut();
        });
    }

    @Test
    @Order(5)
    void oliviaBrowsesQuarantinedRowsAndHerDomainAndCarlosDownloadsMaskedParquet() throws Exception {
        journey("quarantine-parquet-journey", () -> {
            var driver = mesh.browser.driver;
            var browser = mesh.browser;

            // olivia: the two demo lines held back on purpose, each with its reason and the values as received
            mesh.signIn("olivia");
            mesh.open("pipeline?product=orders-daily");
            // newest first: the pipeline run's duplicates fill the first page; the first batch (the demo file) by the filter
            browser.await(d -> mesh.gridCellTexts("quarantine-rows").contains("Reason"), PAGE);
            var batches = new com.fasterxml.jackson.databind.ObjectMapper().readTree(mesh.send("GET",
                    "/api/v1/products/orders-daily/ports/order-lines/batches", mesh.token("olivia"), null, null).body()).path("items");
            String firstBatch = batches.get(batches.size() - 1).path("id").asText();
            mesh.type(By.cssSelector("#quarantine-batch input"), firstBatch + "\n");
            browser.await(d -> mesh.gridCellTexts("quarantine-rows").stream().anyMatch(cell -> cell.contains("ORD-99999")), PAGE);
            List<String> cells = mesh.gridCellTexts("quarantine-rows");
            // both could not be parsed (a word for a number): each shows as the line received
            assertThat(cells).contains("Batch #", "Line", "Reason", "As received (unparsable line)")
                    .anySatisfy(cell -> assertThat(cell).startsWith("ORD-99998,one,"))
                    .anySatisfy(cell -> assertThat(cell).contains("ORD-99999").contains("not-a-number"))
                    .anySatisfy(cell -> assertThat(cell).contains("line_no"))
                    .anySatisfy(cell -> assertThat(cell).contains("amount_eur"));
            assertThat(driver.findElement(By.id("quarantine-status")).getText()).contains("quarantined row(s)");
            driver.executeScript("document.getElementById('quarantine').scrollIntoView({block: 'start'})");
            browser.screenshot("80-pipeline-quarantine");

            // her domain's people, listed by the node from the domain's groups
            mesh.open("domain/members");
            browser.await(d -> mesh.gridCellTexts("members-people").contains("olivia"), PAGE);
            assertThat(mesh.gridCellTexts("members-people")).contains("owner", "/domains/orders");
            browser.screenshot("81-domain-members");
            mesh.signOut();

            // carlos: the port as Parquet, as granted (e-mail masked, web orders only), read with DuckDB
            mesh.signIn("carlos");
            mesh.open("query?product=orders-daily");
            browser.await(ExpectedConditions.visibilityOfElementLocated(By.id("query-parquet")), PAGE);
            browser.screenshot("82-query-parquet-link");
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
            // the link's own URL, fetched by the page as a click would, with the browser's session
            String fetched = (String) driver.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch(document.getElementById('query-parquet').href, {credentials: 'same-origin'})
                      .then(r => r.ok ? r.arrayBuffer().then(b => [r.headers.get('content-disposition') || '', b])
                                      : Promise.reject('HTTP ' + r.status))
                      .then(([disposition, b]) => {
                        const bytes = new Uint8Array(b);
                        let text = '';
                        for (let i = 0; i < bytes.length; i += 0x8000) {
                          text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
                        }
                        done(disposition + '|' + btoa(text));
                      })
                      .catch(e => done('error ' + e));
                    """);
            assertThat(fetched).doesNotStartWith("error");
            assertThat(fetched.substring(0, fetched.indexOf('|'))).contains("orders-daily.order-lines.parquet");
            byte[] parquet = java.util.Base64.getDecoder().decode(fetched.substring(fetched.indexOf('|') + 1));
            java.nio.file.Path file = PortalStack.MODULE.resolve("target/screenshots/83-orders-daily.order-lines.parquet");
            java.nio.file.Files.write(file, parquet);
            // The driver itself, not DriverManager: PortalNodeTraceIT may have run first in this JVM and
            // registered the DuckDB driver of its own class loader, which DriverManager hides from this class.
            try (var duckdb = new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:", new java.util.Properties());
                    var rows = duckdb.createStatement().executeQuery("SELECT count(*), count(*) FILTER (WHERE channel <> 'web'),"
                            + " count(*) FILTER (WHERE customer_email NOT SIMILAR TO '.\\*\\*\\*@.*'),"
                            + " count(*) FILTER (WHERE customer_email = 'dan.26@example.com') FROM read_parquet('" + file + "')")) {
                rows.next();
                assertThat(rows.getLong(1)).as("rows in the download").isPositive();
                assertThat(rows.getLong(2)).as("rows outside the grant's row filter").isZero();
                assertThat(rows.getLong(3)).as("e-mails not masked").isZero();
                assertThat(rows.getLong(4)).isZero();
            }
            mesh.signOut();
        });
    }
}
