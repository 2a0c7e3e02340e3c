package io.meshwork.bench.access;

import io.meshwork.access.pdp.Column;
import io.meshwork.access.pdp.Grant;
import io.meshwork.access.pdp.Policy;
import io.meshwork.access.pdp.PortResource;
import io.meshwork.access.pdp.Principal;
import io.meshwork.access.pdp.Subject;
import io.meshwork.access.rowfilter.ColumnType;
import io.meshwork.access.rowfilter.RowFilterParser;
import io.meshwork.model.lifecycle.Lifecycle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * A synthetic mesh of a fixed shape, the same for every engine in one run: 50 domains, 1,000
 * products with one 12-column port each, 2,000 users in 200 groups, 10,000 grants (a fifth of them
 * to groups) and 1,000 policies. Seeded, so runs are comparable.
 */
final class MeshWorld {

  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  static final int DOMAINS = 50;
  static final int PRODUCTS = 1_000;
  static final int USERS = 2_000;
  static final int GROUPS = 200;
  static final int GRANTS = 10_000;
  static final int POLICIES = 1_000;
  static final List<String> PURPOSES = List.of("analytics", "reporting", "ml-training", "fraud", "legal");

  record Query(Subject subject, PortResource resource, String purpose) {}

  final List<PortResource> ports = new ArrayList<>();
  final List<Grant> grants = new ArrayList<>();
  final List<Policy> policies = new ArrayList<>();
  final Query[] queries;

  MeshWorld(int queryCount) {
    Random random = new Random(42);
    for (int p = 0; p < PRODUCTS; p++) {
      List<Column> columns = new ArrayList<>();
      for (int c = 0; c < 12; c++) {
        String classification = c == 3 ? "restricted" : c == 4 ? "pii" : c == 5 ? "confidential" : null;
        columns.add(new Column("col" + c, c == 0 ? ColumnType.STRING : c == 1 ? ColumnType.NUMBER : ColumnType.STRING, classification));
      }
      ports.add(new PortResource("product-" + p, "rows", domain(p % DOMAINS), Lifecycle.ACTIVE, columns));
    }
    for (int g = 0; g < GRANTS; g++) {
      PortResource port = ports.get(random.nextInt(PRODUCTS));
      Principal to = random.nextInt(5) == 0
          ? new Principal(Principal.Kind.GROUP, group(random.nextInt(GROUPS)))
          : new Principal(Principal.Kind.USER, user(random.nextInt(USERS)));
      Instant granted = NOW.minus(Duration.ofDays(random.nextInt(60)));
      Set<String> columns = random.nextBoolean() ? Set.of() : Set.of("col0", "col1", "col2", "col3", "col4");
      grants.add(new Grant("grant-" + g, to, port.productId(), port.port(), PURPOSES.get(random.nextInt(PURPOSES.size())),
          granted, granted.plus(Duration.ofDays(30 + random.nextInt(120))), columns,
          random.nextInt(4) == 0 ? Set.of("col4") : Set.of(),
          random.nextInt(3) == 0 ? Optional.of(RowFilterParser.parse("col0 = 'EU' or col1 > 10", port.columnTypes(), "/rowFilter")) : Optional.empty()));
    }
    for (int i = 0; i < POLICIES; i++) {
      String domain = i < 10 ? null : domain(i % DOMAINS);
      policies.add(switch (i % 4) {
        case 0 -> new Policy.PurposeForClassification("purpose-" + i, domain, "restricted", Set.of("fraud", "legal"));
        case 1 -> new Policy.MaxDuration("max-" + i, domain, i % 8 == 1 ? null : "pii", Duration.ofDays(90 + i % 200));
        case 2 -> new Policy.RequireStatus("status-" + i, domain, Set.of(Lifecycle.ACTIVE, Lifecycle.DEPRECATED));
        default -> new Policy.NeverUnmaskForProvider("idp-" + i, domain, "partner-" + (i % 7), "pii");
      });
    }
    queries = new Query[queryCount];
    for (int q = 0; q < queryCount; q++) {
      // half the queries ask for something a grant covers, half for something at random
      if (q % 2 == 0) {
        Grant grant = grants.get(random.nextInt(GRANTS));
        String userId = grant.principal().kind() == Principal.Kind.USER ? grant.principal().id() : member(grant.principal().id());
        queries[q] = new Query(subject(userId, random), port(grant.productId()), grant.purpose());
      } else {
        queries[q] = new Query(subject(user(random.nextInt(USERS)), random), ports.get(random.nextInt(PRODUCTS)),
            PURPOSES.get(random.nextInt(PURPOSES.size())));
      }
    }
  }

  private Subject subject(String userId, Random random) {
    int n = Integer.parseInt(userId.substring(1));
    return new Subject(userId, false, Set.of(group(n % GROUPS)), Set.of("data-consumer"),
        random.nextInt(10) == 0 ? "partner-" + random.nextInt(7) : null);
  }

  private PortResource port(String productId) {
    return ports.get(Integer.parseInt(productId.substring("product-".length())));
  }

  /** Users belong to group (user number mod GROUPS). */
  static String member(String group) {
    return user(Integer.parseInt(group.substring("/teams/t".length())));
  }

  static String domain(int i) {
    return "domain-" + i;
  }

  static String user(int i) {
    return "u" + i;
  }

  static String group(int i) {
    return "/teams/t" + i;
  }

  /** Group memberships as (user, group) pairs, for engines that need them listed. */
  List<Map.Entry<String, String>> memberships() {
    List<Map.Entry<String, String>> pairs = new ArrayList<>();
    for (int u = 0; u < USERS; u++) {
      pairs.add(Map.entry(user(u), group(u % GROUPS)));
    }
    return pairs;
  }
}
