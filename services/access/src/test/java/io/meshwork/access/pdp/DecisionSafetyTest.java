package io.meshwork.access.pdp;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwork.access.rowfilter.ColumnType;
import io.meshwork.access.rowfilter.RowFilter;
import io.meshwork.access.rowfilter.RowFilterParser;
import io.meshwork.model.lifecycle.Lifecycle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever the subjects, grants, policies and column classifications, an allowed decision never
 * shows a column, a row set, a purpose or a time beyond what one grant and every applicable policy
 * permit, and columns whose classification is masked are masked unless that grant unmasks them.
 */
class DecisionSafetyTest {

  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  static final List<String> COLUMN_NAMES = List.of("id", "region", "amount", "email", "phone", "ip");
  static final List<String> CLASSIFICATIONS = java.util.Arrays.asList(null, "internal", "restricted", "pii", "public");
  static final List<String> PURPOSES = List.of("analytics", "fraud", "legal");
  static final List<String> FILTERS = List.of("region = 'EU'", "amount > 10 or region in ('UK', 'FR')", "not (id = 'x')");
  static final MaskingRules MASKING = MaskingRules.defaults();

  record Scenario(PortResource resource, List<Grant> grants, List<Policy> policies, Subject subject, String purpose) {}

  @Property(tries = 1000)
  void allowedDecisionsStayWithinOneGrantAndEveryPolicy(@ForAll("scenarios") Scenario s) {
    PolicyDecisionPoint pdp = new PolicyDecisionPoint(MASKING);
    pdp.replaceAll(s.grants(), s.policies());

    Decision decision = pdp.decideRead(s.subject(), s.resource(), s.purpose(), NOW);
    Statistics.label("allowed").collect(decision.allowed());
    Statistics.label("allowed").coverage(c -> c.check(true).percentage(p -> p >= 15));
    Statistics.label("masked").collect(!decision.masks().isEmpty());
    Statistics.label("masked").coverage(c -> c.check(true).percentage(p -> p >= 5));
    if (!decision.allowed()) {
      assertThat(decision.columns()).isEmpty();
      return;
    }
    Grant grant = s.grants().stream().filter(g -> g.id().equals(decision.grantId().orElseThrow())).findFirst().orElseThrow();
    assertThat(s.subject().is(grant.principal())).as("the grant is the subject's").isTrue();
    assertThat(grant.purpose()).isEqualTo(s.purpose());
    assertThat(NOW).isBefore(grant.expiresAt());
    assertThat(decision.columns()).allSatisfy(c -> assertThat(grant.coversColumn(c)).isTrue());
    assertThat(decision.rowFilter()).isEqualTo(grant.rowFilter());

    for (Column column : s.resource().columns()) {
      if (!decision.columns().contains(column.name())) {
        continue;
      }
      if (MASKING.maskFor(column.classification()).isPresent() && !grant.unmasked().contains(column.name())) {
        assertThat(decision.masks()).as("masked by classification: " + column).containsKey(column.name());
      }
    }
    for (Policy policy : s.policies()) {
      if (!policy.appliesTo(s.resource())) {
        continue;
      }
      if (policy instanceof Policy.RequireStatus p) {
        assertThat(p.statuses()).contains(s.resource().status());
      } else if (policy instanceof Policy.MaxDuration p) {
        boolean lapsed = !NOW.isBefore(grant.grantedAt().plus(p.max()));
        if (lapsed && p.classification() == null) {
          throw new AssertionError("a lapsed grant was used: " + p);
        }
        if (lapsed) {
          columnsOf(s, decision, p.classification()).forEach(c -> assertThat(decision.masks()).containsEntry(c, MaskKind.NULL));
        }
      } else if (policy instanceof Policy.PurposeForClassification p && !p.purposes().contains(s.purpose())) {
        columnsOf(s, decision, p.classification()).forEach(c -> assertThat(decision.masks()).containsEntry(c, MaskKind.NULL));
      } else if (policy instanceof Policy.NeverUnmaskForProvider p && p.identityProvider().equals(s.subject().identityProvider())) {
        columnsOf(s, decision, p.classification()).forEach(c -> assertThat(decision.masks()).containsKey(c));
      }
    }
  }

  private static List<String> columnsOf(Scenario s, Decision decision, String classification) {
    return s.resource().columns().stream()
        .filter(c -> classification.equalsIgnoreCase(c.classification()) && decision.columns().contains(c.name()))
        .map(Column::name)
        .toList();
  }

  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<PortResource> resource = Combinators.combine(
            Arbitraries.of(CLASSIFICATIONS).list().ofSize(COLUMN_NAMES.size()),
            Arbitraries.of(Lifecycle.values()))
        .as((classes, status) -> {
          List<Column> columns = new ArrayList<>();
          for (int i = 0; i < COLUMN_NAMES.size(); i++) {
            ColumnType type = COLUMN_NAMES.get(i).equals("amount") ? ColumnType.NUMBER : ColumnType.STRING;
            columns.add(new Column(COLUMN_NAMES.get(i), type, classes.get(i)));
          }
          return new PortResource("p", "port", "orders", status, columns);
        });
    return resource.flatMap(r -> Combinators.combine(
            grant(r).list().ofMinSize(3).ofMaxSize(8).uniqueElements(Grant::id),
            policy().list().ofMaxSize(3).uniqueElements(Policy::id),
            subject(),
            Arbitraries.of(PURPOSES))
        .as((grants, policies, subject, purpose) -> new Scenario(r, grants, policies, subject, purpose)));
  }

  private static Arbitrary<Grant> grant(PortResource resource) {
    Arbitrary<Principal> principal = Arbitraries.oneOf(
        Arbitraries.of("u1", "u2").map(id -> new Principal(Principal.Kind.USER, id)),
        Arbitraries.of("u1", "sa1").map(id -> new Principal(Principal.Kind.SERVICE_ACCOUNT, id)),
        Arbitraries.of("/g1", "/g2").map(id -> new Principal(Principal.Kind.GROUP, id)));
    Arbitrary<Set<String>> columns = Arbitraries.of(COLUMN_NAMES).set().ofMaxSize(COLUMN_NAMES.size());
    Arbitrary<Optional<RowFilter>> filter = Arbitraries.of(FILTERS)
        .map(f -> RowFilterParser.parse(f, resource.columnTypes(), "/rowFilter"))
        .optional();
    return Combinators.combine(
            Arbitraries.strings().alpha().ofLength(6), principal, Arbitraries.of(PURPOSES),
            Arbitraries.integers().between(0, 120), Arbitraries.integers().between(1, 400),
            columns, Arbitraries.of(COLUMN_NAMES).set().ofMaxSize(2), filter)
        .as((id, to, purpose, ageDays, lengthDays, visible, unmasked, rows) -> {
          Instant grantedAt = NOW.minus(Duration.ofDays(ageDays));
          return new Grant(id, to, "p", "port", purpose, grantedAt, grantedAt.plus(Duration.ofDays(lengthDays)), visible, unmasked, rows);
        });
  }

  private static Arbitrary<Policy> policy() {
    Arbitrary<String> domain = Arbitraries.of("orders", "other").injectNull(0.5);
    Arbitrary<String> classification = Arbitraries.of("restricted", "pii", "internal");
    return Arbitraries.oneOf(
        Combinators.combine(domain, Arbitraries.of(Lifecycle.values()).set().ofMinSize(1))
            .as((d, statuses) -> new Policy.RequireStatus("status-" + d + statuses, d, statuses)),
        Combinators.combine(domain, classification, Arbitraries.of(PURPOSES).set().ofMinSize(1))
            .as((d, c, purposes) -> new Policy.PurposeForClassification("purpose-" + d + c + purposes, d, c, purposes)),
        Combinators.combine(domain, classification.injectNull(0.4), Arbitraries.integers().between(1, 365))
            .as((d, c, days) -> new Policy.MaxDuration("max-" + d + c + days, d, c, Duration.ofDays(days))),
        Combinators.combine(domain, Arbitraries.of("partner", "other-idp"), classification)
            .as((d, idp, c) -> new Policy.NeverUnmaskForProvider("idp-" + d + idp + c, d, idp, c)));
  }

  private static Arbitrary<Subject> subject() {
    return Combinators.combine(
            Arbitraries.of("u1", "u2", "sa1"),
            Arbitraries.of("/g1", "/g2", "/domains/other").set(),
            Arbitraries.of("partner", "other-idp").injectNull(0.5))
        .as((id, groups, idp) -> new Subject(id, id.startsWith("sa"), groups, Set.of("data-consumer"), idp));
  }
}
