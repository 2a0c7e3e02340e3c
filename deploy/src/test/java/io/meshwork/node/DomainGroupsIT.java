package io.meshwork.node;

import static io.meshwork.node.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;

/**
 * The catalog's {@code PUT /api/v1/domains/{name}} on a node that administers its realm: creating a
 * domain creates its Keycloak groups {@code /domains/<name>/owners} and {@code /members}, so the
 * domain can be given people at once, and those people can then act in it — and only in it.
 */
class DomainGroupsIT {

  private static final String USERS = "/api/v1/identity/users";
  private static TestMesh mesh;
  private static String ada;

  @BeforeAll
  static void start() throws Exception {
    mesh = TestMesh.startWithIdentityAdministration("domain-groups-it");
    ada = mesh.token("ada");
  }

  @AfterAll
  static void stop() {
    if (mesh != null) {
      mesh.close();
    }
  }

  @Test
  void creatingADomainInTheCatalogCreatesItsGroupsAndItsOwnersCanActInIt() throws Exception {
    String domain = "billing-" + UUID.randomUUID().toString().substring(0, 6);
    // before: no such group, so nobody can be put into it
    assertProblem(mesh.call("PUT", groups("sam", "/domains/" + domain + "/owners"), ada, null, null), 404);

    HttpResponse<String> created = mesh.putYaml("/api/v1/domains/" + domain, ada, domainYaml(domain, "Invoices and payments"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

    // sam becomes an owner of billing through its new owners group
    assertThat(mesh.call("PUT", USERS + "/sam/roles/domain-owner", ada, null, null).statusCode()).isEqualTo(204);
    assertThat(mesh.call("PUT", groups("sam", "/domains/" + domain + "/owners"), ada, null, null).statusCode()).isEqualTo(204);
    assertThat(mesh.call("PUT", groups("carlos", "/domains/" + domain + "/members"), ada, null, null).statusCode()).isEqualTo(204);
    String sam = mesh.token("sam");
    assertThat(mesh.putYaml("/api/v1/products/" + domain + "-invoices", sam, product(domain + "-invoices", domain)).statusCode())
        .isEqualTo(201);
    assertProblem(mesh.putYaml("/api/v1/products/" + domain + "-orders", sam, product(domain + "-orders", "orders")), 403);
    // and may describe the domain (not create others)
    assertThat(mesh.putYaml("/api/v1/domains/" + domain, sam, domainYaml(domain, "Invoices, payments, dunning")).statusCode())
        .isEqualTo(200);
    assertProblem(mesh.putYaml("/api/v1/domains/" + domain + "-x", sam, domainYaml(domain + "-x", "Not allowed")), 403);
  }

  @Test
  void anAdminsPutRepairsAMissingGroupAndNothingIsCreatedForARefusedDomain() throws Exception {
    String domain = "ledger-" + UUID.randomUUID().toString().substring(0, 6);
    String yaml = domainYaml(domain, "General ledger");
    assertThat(mesh.putYaml("/api/v1/domains/" + domain, ada, yaml).statusCode()).isEqualTo(201);

    // someone deletes the members group by hand in the Keycloak console
    try (Keycloak admin = NodeItSupport.keycloakAdmin()) {
      String id = admin.realm(mesh.realm).getGroupByPath("/domains/" + domain + "/members").getId();
      admin.realm(mesh.realm).groups().group(id).remove();
    }
    assertProblem(mesh.call("PUT", groups("carlos", "/domains/" + domain + "/members"), ada, null, null), 404);
    // the same document again: nothing to store, but the group is back
    assertThat(mesh.putYaml("/api/v1/domains/" + domain, ada, yaml).statusCode()).isEqualTo(200);
    assertThat(mesh.call("PUT", groups("carlos", "/domains/" + domain + "/members"), ada, null, null).statusCode()).isEqualTo(204);

    // a domain owner may not create a domain: refused before anything reaches Keycloak
    String refused = "refused-" + UUID.randomUUID().toString().substring(0, 6);
    assertProblem(mesh.putYaml("/api/v1/domains/" + refused, mesh.token("olivia"), domainYaml(refused, "Not allowed")), 403);
    assertProblem(mesh.call("PUT", groups("carlos", "/domains/" + refused), ada, null, null), 404);
  }

  private static String groups(String user, String path) {
    return USERS + "/" + user + "/groups?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8);
  }

  private static String domainYaml(String name, String description) {
    return "name: " + name + "\ndescription: " + description + "\nowners: [sam]\n";
  }

  private static String product(String id, String domain) {
    return DraftProduct.yaml(id, domain, "Registered by an owner of a domain the catalog created");
  }
}
