package io.meshwork.portal.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AccessDeniedErrorRouter;
import io.meshwork.portal.layout.Problems;
import io.meshwork.portal.layout.MainLayout;
import io.meshwork.portal.node.NodeApi;
import io.meshwork.portal.node.NodeException;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;

/**
 * Domain owners manage who is in their domain: a person joins or leaves the domain's members group
 * (read its data under the domain's grants) or owners group (decide its requests, publish its
 * products), through the node's identity API, which allows owners this for their own domain only.
 */
@Route(value = "domain/members", layout = MainLayout.class)
@PageTitle("Domain members | Meshwork")
@RolesAllowed({"domain-owner", "mesh-admin"})
@AccessDeniedErrorRouter
public class DomainMembersView extends VerticalLayout {

    private final NodeApi node;
    final Select<String> domain = new Select<>();
    final Paragraph owners = new Paragraph();
    final TextField username = new TextField("User name");
    final RadioButtonGroup<String> group = new RadioButtonGroup<>("Group");
    final Button add = new Button("Add");
    final Button remove = new Button("Remove");
    final Span status = new Span();
    private final Map<String, List<String>> ownersByDomain = new java.util.LinkedHashMap<>();

    public DomainMembersView(NodeApi node) {
        this.node = node;
        setMaxWidth("900px");
        domain.setLabel("Domain");
        domain.setId("members-domain");
        domain.addValueChangeListener(change -> showOwners());
        owners.setId("members-owners");
        username.setId("members-username");
        group.setId("members-group");
        group.setItems("members", "owners");
        group.setValue("members");
        add.setId("members-add");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.addClickListener(click -> change(true));
        remove.setId("members-remove");
        remove.addThemeVariants(ButtonVariant.LUMO_ERROR);
        remove.addClickListener(click -> change(false));
        status.setId("members-status");
        status.getElement().setAttribute("aria-live", "polite");
        HorizontalLayout form = new HorizontalLayout(username, group, add, remove);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        form.getStyle().set("flex-wrap", "wrap");
        add(new H2("Domain members"), domain, owners, new H3("Add or remove a person"), form, status,
                new Paragraph("The node does not list a domain's members to its owners yet (only mesh admins can list"
                        + " users, under Users); adding someone twice or removing someone who is not in the group changes nothing."));
        load();
    }

    void load() {
        try {
            for (JsonNode d : node.getJson("/api/v1/domains").path("items")) {
                List<String> names = new ArrayList<>();
                d.path("owners").forEach(o -> names.add(o.asText()));
                ownersByDomain.put(d.path("name").asText(), names);
            }
        } catch (NodeException failure) {
            status.setText("Could not load the domains.");
            Problems.show(failure);
            return;
        }
        domain.setItems(ownersByDomain.keySet());
        ownersByDomain.keySet().stream().findFirst().ifPresent(domain::setValue);
        if (ownersByDomain.isEmpty()) {
            status.setText("No domains yet: a mesh admin creates them.");
        }
    }

    private void showOwners() {
        List<String> names = ownersByDomain.getOrDefault(domain.getValue(), List.of());
        owners.setText(names.isEmpty() ? "No owners described for " + domain.getValue() + "."
                : "Owners named in the catalog: " + String.join(", ", names));
    }

    void change(boolean join) {
        username.setInvalid(false);
        if (username.getValue().isBlank()) {
            username.setErrorMessage("Whom?");
            username.setInvalid(true);
            return;
        }
        String path = "/domains/" + domain.getValue() + "/" + group.getValue();
        try {
            node.sendJson(join ? HttpMethod.PUT : HttpMethod.DELETE, "/api/v1/identity/users/{username}/groups?path={path}", null,
                    username.getValue().strip(), path);
            status.setText((join ? "Added " : "Removed ") + username.getValue().strip() + (join ? " to " : " from ") + path
                    + ". It takes effect at their next sign-in.");
        } catch (NodeException failure) {
            username.setErrorMessage(failure.detail() == null ? failure.title() : failure.detail());
            username.setInvalid(true);
            status.setText("Not changed.");
        }
    }
}
