package io.meshwork.portal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import io.meshwork.portal.node.NodeApi;
import io.meshwork.portal.node.NodeException;
import io.meshwork.portal.node.StubNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/** Domain members against a fake node, without a browser. */
class DomainMembersViewTest {

    private final UI ui = new UI();
    private final FakeDomains node = new FakeDomains();

    @BeforeEach
    void enterUi() {
        UI.setCurrent(ui);
    }

    @AfterEach
    void leaveUi() {
        UI.setCurrent(null);
    }

    /** The node as the view sees it: two domains, orders with olivia (via the domain group) and a member group. */
    static final class FakeDomains extends DomainClient {
        final Map<String, List<DomainClient.Person>> groups = new LinkedHashMap<>();
        final List<String> calls = new ArrayList<>();
        NodeException refusal;

        FakeDomains() {
            super(NodeApi.create(URI.create("http://127.0.0.1:9"), RestClient.builder(), new ObjectMapper()));
            groups.put("/domains/orders", new ArrayList<>(List.of(person("olivia", "/domains/orders", true))));
            groups.put("/domains/orders/owners", new ArrayList<>());
            groups.put("/domains/orders/members", new ArrayList<>(List.of(person("max", "/domains/orders/members", false))));
        }

        static DomainClient.Person person(String username, String group, boolean role) {
            return new DomainClient.Person(username, username + " Example", username + "@example.com", true, group, role);
        }

        @Override
        public Map<String, List<String>> domains() {
            Map<String, List<String>> domains = new LinkedHashMap<>();
            domains.put("carts", List.of());
            domains.put("orders", List.of("olivia"));
            return domains;
        }

        @Override
        public People people(String domain) {
            if (!domain.equals("orders")) {
                throw NodeException.of(403, "Forbidden", "Only a mesh-admin, or someone in domain " + domain + ", may list", null);
            }
            List<Person> owners = new ArrayList<>(groups.get("/domains/orders/owners"));
            groups.get("/domains/orders").stream().filter(Person::domainOwnerRole).forEach(owners::add);
            return new People(owners, List.copyOf(groups.get("/domains/orders/members")));
        }

        @Override
        public void setGroup(String username, String path, boolean join) {
            calls.add((join ? "PUT " : "DELETE ") + username + " " + path);
            if (refusal != null) {
                throw refusal;
            }
            groups.get(path).removeIf(p -> p.username().equals(username));
            if (join) {
                groups.get(path).add(person(username, path, false));
            }
        }
    }

    private static List<String> listed(Grid<DomainMembersView.Row> grid) {
        return grid.getGenericDataView().getItems().map(r -> r.person().username() + " as " + r.role()).toList();
    }

    @Test
    void theDomainsPeopleAreListedAsOwnersAndMembers() {
        var view = new DomainMembersView(node);
        // carts comes first in the catalog, but only orders is mine

        assertThat(view.domain.getValue()).isEqualTo("orders");
        assertThat(view.owners.getText()).isEqualTo("Owners named in the catalog: olivia");
        assertThat(listed(view.people)).containsExactly("olivia as owner", "max as member");
        assertThat(view.listed.getText()).isEqualTo("1 owner(s), 1 member(s).");
    }

    @Test
    void addingSomeoneListsThemAndRemovingThemFromTheirRowTakesThemOut() {
        var view = new DomainMembersView(node);
        view.username.setValue("carlos");

        view.add.click();

        assertThat(node.calls).containsExactly("PUT carlos /domains/orders/members");
        assertThat(view.status.getText()).isEqualTo("Added carlos to /domains/orders/members. It takes effect at their next sign-in.");
        assertThat(listed(view.people)).contains("carlos as member");

        view.change("carlos", "members", false);
        assertThat(node.calls).endsWith("DELETE carlos /domains/orders/members");
        assertThat(listed(view.people)).doesNotContain("carlos as member");
    }

    @Test
    void aRefusalShowsAtTheUserName() {
        var view = new DomainMembersView(node);
        node.refusal = NodeException.of(403, "Forbidden",
                "Only a mesh-admin, or a domain-owner of domain orders, may manage the membership of /domains/orders/owners", null);
        view.username.setValue("carlos");
        view.group.setValue("owners");

        view.add.click();

        assertThat(view.username.getErrorMessage()).startsWith("Only a mesh-admin");
        assertThat(view.status.getText()).isEqualTo("Not changed.");
    }

    @Test
    void aDomainIAmNotInSaysWhoMaySeeItsPeople() {
        var view = new DomainMembersView(node);
        view.domain.setValue("carts");
        assertThat(view.people.isVisible()).isFalse();
        assertThat(view.listed.getText()).isEqualTo("Only the people of carts (and mesh admins) see who is in it.");
    }

    @Test
    void theClientReadsTheNodesListing() {
        try (StubNode stub = new StubNode()) {
            stub.answer(200, "application/json", """
                    {"domain":"orders","owners":[{"username":"olivia","name":"Olivia Owner","email":"o@example.com","enabled":true,
                      "group":"/domains/orders","domainOwnerRole":true}],
                     "members":[{"username":"carlos","name":"","enabled":false,"group":"/domains/orders/members","domainOwnerRole":false}]}""");
            var client = new DomainClient(NodeApi.create(stub.url(), RestClient.builder(), new ObjectMapper()));
            DomainClient.People people = client.people("orders");
            assertThat(stub.lastRequestUri()).isEqualTo("/api/v1/identity/domains/orders/members");
            assertThat(people.owners()).containsExactly(new DomainClient.Person("olivia", "Olivia Owner", "o@example.com", true,
                    "/domains/orders", true));
            assertThat(people.members().get(0).enabled()).isFalse();
        }
    }
}
