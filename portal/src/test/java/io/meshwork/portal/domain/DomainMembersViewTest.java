package io.meshwork.portal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.UI;
import io.meshwork.portal.node.NodeApi;
import io.meshwork.portal.node.StubNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/** Domain members against a stand-in node, without a browser. */
class DomainMembersViewTest {

    private final StubNode node = new StubNode();
    private final UI ui = new UI();

    @BeforeEach
    void enterUi() {
        UI.setCurrent(ui);
    }

    @AfterEach
    void leaveUi() {
        UI.setCurrent(null);
        node.close();
    }

    private DomainMembersView view() {
        node.answer(200, "application/json", "{\"items\":[{\"name\":\"orders\",\"owners\":[\"olivia\"]},{\"name\":\"carts\",\"owners\":[]}]}");
        return new DomainMembersView(NodeApi.create(node.url(), RestClient.builder(), new ObjectMapper()));
    }

    @Test
    void theDomainsAndTheirOwnersAreOffered() {
        var view = view();

        assertThat(view.domain.getValue()).isEqualTo("orders");
        assertThat(view.owners.getText()).isEqualTo("Owners named in the catalog: olivia");
    }

    @Test
    void addingSomeoneToTheMembersGroupCallsTheIdentityApi() {
        var view = view();
        node.answer(204, "application/json", "");
        view.username.setValue("carlos");

        view.add.click();

        assertThat(node.lastRequestUri()).isEqualTo("/api/v1/identity/users/carlos/groups?path=%2Fdomains%2Forders%2Fmembers");
        assertThat(view.status.getText()).isEqualTo("Added carlos to /domains/orders/members. It takes effect at their next sign-in.");
    }

    @Test
    void aRefusalShowsAtTheUserName() {
        var view = view();
        node.answer(403, "application/problem+json", "{\"title\":\"Forbidden\",\"status\":403,\"detail\":\"Only a mesh-admin, or a domain-owner of domain orders, may manage the membership of /domains/orders/owners\"}");
        view.username.setValue("carlos");
        view.group.setValue("owners");

        view.add.click();

        assertThat(view.username.getErrorMessage()).startsWith("Only a mesh-admin");
        assertThat(view.status.getText()).isEqualTo("Not changed.");
    }
}
