package io.meshwork.bench.access;

import io.meshwork.access.pdp.Decision;
import io.meshwork.access.pdp.Grant;
import io.meshwork.access.pdp.MaskingRules;
import io.meshwork.access.pdp.PolicyDecisionPoint;
import io.meshwork.access.pdp.Principal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.casbin.jcasbin.main.Enforcer;
import org.casbin.jcasbin.model.Model;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One access decision with 10k grants and 1k policies: Meshwork's PDP (allow/deny plus masks, row
 * filter and policies) side by side with jCasbin enforcing an RBAC-with-domains model loaded with the
 * same grants and group memberships (allow/deny only), over the same queries in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecisionBenchmark {

  private static final String RBAC_WITH_DOMAINS = """
      [request_definition]
      r = sub, dom, obj, act

      [policy_definition]
      p = sub, dom, obj, act

      [role_definition]
      g = _, _, _

      [policy_effect]
      e = some(where (p.eft == allow))

      [matchers]
      m = g(r.sub, p.sub, r.dom) && r.dom == p.dom && r.obj == p.obj && r.act == p.act
      """;
  private static final int QUERIES = 4096;

  MeshWorld world;
  PolicyDecisionPoint pdp;
  Enforcer casbin;
  int next;

  @Setup(Level.Trial)
  public void setUp() {
    world = new MeshWorld(QUERIES);
    pdp = new PolicyDecisionPoint(MaskingRules.defaults());
    pdp.replaceAll(world.grants, world.policies);

    Model model = new Model();
    model.loadModelFromText(RBAC_WITH_DOMAINS);
    casbin = new Enforcer(model);
    casbin.enableAutoBuildRoleLinks(false);
    List<List<String>> rules = new ArrayList<>();
    Set<String> groupDomains = new HashSet<>();
    for (Grant grant : world.grants) {
      String domain = world.ports.get(Integer.parseInt(grant.productId().substring("product-".length()))).domain();
      rules.add(List.of(grant.principal().id(), domain, grant.productId() + "/" + grant.port(), grant.purpose()));
      if (grant.principal().kind() == Principal.Kind.GROUP) {
        groupDomains.add(grant.principal().id() + "\u0000" + domain);
      }
    }
    casbin.addPolicies(rules);
    List<List<String>> memberships = new ArrayList<>();
    for (Map.Entry<String, String> member : world.memberships()) {
      for (String groupDomain : groupDomains) {
        String[] parts = groupDomain.split("\u0000");
        if (parts[0].equals(member.getValue())) {
          memberships.add(List.of(member.getKey(), parts[0], parts[1]));
        }
      }
    }
    casbin.addGroupingPolicies(memberships);
    casbin.buildRoleLinks();
  }

  @Benchmark
  public Decision meshworkPdp() {
    MeshWorld.Query q = world.queries[next++ & (QUERIES - 1)];
    return pdp.decideRead(q.subject(), q.resource(), q.purpose(), MeshWorld.NOW);
  }

  @Benchmark
  public boolean jcasbinRbacWithDomains() {
    MeshWorld.Query q = world.queries[next++ & (QUERIES - 1)];
    return casbin.enforce(q.subject().id(), q.resource().domain(), q.resource().productId() + "/" + q.resource().port(), q.purpose());
  }
}
