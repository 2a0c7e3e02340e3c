package io.meshwork.access.pdp;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwork.access.rowfilter.ColumnType;
import io.meshwork.access.rowfilter.RowFilterParser;
import io.meshwork.model.lifecycle.Lifecycle;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PolicyDecisionPointTest {

  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  static final PortResource ORDERS = new PortResource("orders-daily", "order-lines", "orders", Lifecycle.ACTIVE, List.of(
      new Column("order_id", ColumnType.STRING, null),
      new Column("region", ColumnType.STRING, "internal"),
      new Column("amount", ColumnType.NUMBER, null),
      new Column("email", ColumnType.STRING, "restricted"),
      new Column("phone", ColumnType.STRING, "pii")));

  static final Subject CARLOS = new Subject("carlos-id", false, Set.of(), Set.of("data-consumer"), null);
  static final Subject DORA = new Subject("dora-id", false, Set.of("/teams/analysts"), Set.of("data-consumer"), null);
  static final Subject OLIVIA = new Subject("olivia-id", false, Set.of("/domains/orders"), Set.of("domain-owner"), null);
  static final Subject ADA = new Subject("ada-id", false, Set.of(), Set.of("mesh-admin"), null);

  PolicyDecisionPoint pdp;

  @BeforeEach
  void setUp() {
    pdp = new PolicyDecisionPoint(MaskingRules.defaults());
  }

  static Grant grant(String id, Principal to, String purpose, Duration lasting, Set<String> columns, Set<String> unmasked, String filter) {
    return new Grant(id, to, "orders-daily", "order-lines", purpose, NOW.minus(Duration.ofDays(1)), NOW.plus(lasting),
        columns, unmasked, Optional.ofNullable(filter).map(f -> RowFilterParser.parse(f, ORDERS.columnTypes(), "/rowFilter")));
  }

  @Test
  void aGrantAllowsWithItsColumnsMasksAndRowFilter() {
    pdp.putGrant(grant("g1", new Principal(Principal.Kind.USER, "carlos-id"), "analytics", Duration.ofDays(30),
        Set.of("order_id", "region", "email", "phone"), Set.of("phone"), "region = 'EU'"));

    Decision decision = pdp.decideRead(CARLOS, ORDERS, "analytics", NOW);

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.grantId()).hasValue("g1");
    assertThat(decision.columns()).containsExactly("order_id", "region", "email", "phone");
    assertThat(decision.masks()).containsExactly(Map.entry("email", MaskKind.HASH));
    assertThat(decision.rowFilter()).map(f -> f.toSql()).hasValue("\"region\" = 'EU'");
    assertThat(decision.reason()).contains("grant g1");
  }

  @Test
  void othersPurposesExpiryAndRevocationAreDenied() {
    pdp.putGrant(grant("g1", new Principal(Principal.Kind.USER, "carlos-id"), "analytics", Duration.ofDays(30), Set.of(), Set.of(), null));

    assertThat(pdp.decideRead(DORA, ORDERS, "analytics", NOW).allowed()).isFalse();
    Decision wrongPurpose = pdp.decideRead(CARLOS, ORDERS, "ml-training", NOW);
    assertThat(wrongPurpose.allowed()).isFalse();
    assertThat(wrongPurpose.reason()).contains("is for purpose analytics");
    assertThat(pdp.decideRead(CARLOS, ORDERS, null, NOW).reason()).contains("purpose is required");

    Decision expired = pdp.decideRead(CARLOS, ORDERS, "analytics", NOW.plus(Duration.ofDays(30)));
    assertThat(expired.allowed()).isFalse();
    assertThat(expired.reason()).contains("expired");

    pdp.removeGrant("g1");
    assertThat(pdp.decideRead(CARLOS, ORDERS, "analytics", NOW).allowed()).isFalse();
  }

  @Test
  void groupGrantsApplyToTheirMembers() {
    pdp.putGrant(grant("g2", new Principal(Principal.Kind.GROUP, "/teams/analysts"), "reporting", Duration.ofDays(5), Set.of(), Set.of(), null));

    assertThat(pdp.decideRead(DORA, ORDERS, "reporting", NOW).allowed()).isTrue();
    assertThat(pdp.decideRead(CARLOS, ORDERS, "reporting", NOW).allowed()).isFalse();
  }

  @Test
  void ownersReadTheirDomainAndAdminsGetNoDataByRole() {
    Decision owner = pdp.decideRead(OLIVIA, ORDERS, null, NOW);
    assertThat(owner.allowed()).isTrue();
    assertThat(owner.masks()).isEmpty();
    assertThat(owner.rowFilter()).isEmpty();

    assertThat(pdp.decideRead(ADA, ORDERS, "analytics", NOW).allowed()).isFalse();
  }

  @Test
  void policiesWithholdDenyAndMaskAtOnceForExistingGrants() {
    pdp.putGrant(grant("g1", new Principal(Principal.Kind.USER, "carlos-id"), "analytics", Duration.ofDays(200), Set.of(), Set.of("email"), null));
    assertThat(pdp.decideRead(CARLOS, ORDERS, "analytics", NOW).masks()).doesNotContainKey("email");

    pdp.putPolicy(new Policy.PurposeForClassification("restricted-purposes", null, "restricted", Set.of("fraud", "legal")));
    Decision withheld = pdp.decideRead(CARLOS, ORDERS, "analytics", NOW);
    assertThat(withheld.allowed()).isTrue();
    assertThat(withheld.masks()).containsEntry("email", MaskKind.NULL);
    assertThat(withheld.reason()).contains("restricted-purposes");

    pdp.putPolicy(new Policy.RequireStatus("active-only", null, Set.of(Lifecycle.ACTIVE)));
    PortResource deprecated = new PortResource("orders-daily", "order-lines", "orders", Lifecycle.DEPRECATED, ORDERS.columns());
    Decision denied = pdp.decideRead(CARLOS, deprecated, "analytics", NOW);
    assertThat(denied.allowed()).isFalse();
    assertThat(denied.reason()).contains("active-only");

    pdp.removePolicy("restricted-purposes");
    pdp.putPolicy(new Policy.NeverUnmaskForProvider("partner-no-pii", "orders", "partner-idp", "restricted"));
    Subject federated = new Subject("carlos-id", false, Set.of(), Set.of("data-consumer"), "partner-idp");
    assertThat(pdp.decideRead(federated, ORDERS, "analytics", NOW).masks()).containsEntry("email", MaskKind.HASH);
    assertThat(pdp.decideRead(CARLOS, ORDERS, "analytics", NOW).masks()).doesNotContainKey("email");

    pdp.putPolicy(new Policy.MaxDuration("ninety-days", null, null, Duration.ofDays(90)));
    assertThat(pdp.decideRead(CARLOS, ORDERS, "analytics", NOW).allowed()).as("granted a day ago").isTrue();
    assertThat(pdp.decideRead(CARLOS, ORDERS, "analytics", NOW.plus(Duration.ofDays(90))).allowed()).isFalse();
  }

  @Test
  void approvalIsGatedByEveryViolatedPolicy() {
    pdp.putPolicy(new Policy.PurposeForClassification("restricted-purposes", null, "restricted", Set.of("fraud", "legal")));
    pdp.putPolicy(new Policy.MaxDuration("restricted-90", null, "restricted", Duration.ofDays(90)));
    pdp.putPolicy(new Policy.RequireStatus("active-only", "products", Set.of(Lifecycle.ACTIVE)));

    Grant tooMuch = grant("p1", new Principal(Principal.Kind.USER, "carlos-id"), "analytics", Duration.ofDays(180), Set.of(), Set.of(), null);
    assertThat(pdp.violations(tooMuch, ORDERS, CARLOS))
        .hasSize(2)
        .anySatisfy(v -> assertThat(v).startsWith("restricted-purposes:"))
        .anySatisfy(v -> assertThat(v).startsWith("restricted-90:"));

    Grant narrowed = grant("p2", new Principal(Principal.Kind.USER, "carlos-id"), "analytics", Duration.ofDays(180),
        Set.of("order_id", "amount"), Set.of(), null);
    assertThat(pdp.violations(narrowed, ORDERS, CARLOS)).isEmpty();
  }

  @Test
  void amongSeveralGrantsTheWidestSingleGrantWinsNeverAMerge() {
    Principal carlos = new Principal(Principal.Kind.USER, "carlos-id");
    pdp.putGrant(grant("narrow", carlos, "analytics", Duration.ofDays(5), Set.of("order_id"), Set.of(), null));
    pdp.putGrant(grant("wide", carlos, "analytics", Duration.ofDays(5), Set.of("order_id", "region", "amount"), Set.of(), "region = 'EU'"));

    Decision decision = pdp.decideRead(CARLOS, ORDERS, "analytics", NOW);
    assertThat(decision.grantId()).hasValue("wide");
    assertThat(decision.rowFilter()).isPresent();
  }
}
