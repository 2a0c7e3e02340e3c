package io.meshwork.portal.domain;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
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
import io.meshwork.portal.layout.MainLayout;
import io.meshwork.portal.layout.Problems;
import io.meshwork.portal.node.NodeException;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Domain owners see and manage who is in their domain: its owners (decide its requests, publish its
 * products) and members (read its data under the domain's grants), listed by the node from the
 * domain's Keycloak groups; a person joins or leaves a group through the node's identity API, which
 * allows owners this for their own domain only.
 */
@Route(value = "domain/members", layout = MainLayout.class)
@PageTitle("Domain members | Meshwork")
@RolesAllowed({"domain-owner", "mesh-admin"})
@AccessDeniedErrorRouter
public class DomainMembersView extends VerticalLayout {

    private final DomainClient domains;
    final Select<String> domain = new Select<>();
    final Paragraph owners = new Paragraph();
    final Grid<Row> people = new Grid<>();
    final Span listed = new Span();
    final TextField username = new TextField("User name");
    final RadioButtonGroup<String> group = new RadioButtonGroup<>("Group");
    final Button add = new Button("Add");
    final Button remove = new Button("Remove");
    final Span status = new Span();
    private final Map<String, List<String>> ownersByDomain = new LinkedHashMap<>();
    /** The people {@link #firstOfMine()} already read, shown once selecting that domain instead of asking again. */
    private Map.Entry<String, DomainClient.People> readAhead;

    /** One line of the people grid: a person and whether they are listed as an owner or a member. */
    record Row(DomainClient.Person person, String role) {}

    public DomainMembersView(DomainClient domains) {
        this.domains = domains;
        setMaxWidth("900px");
        domain.setLabel("Domain");
        domain.setId("members-domain");
        domain.addValueChangeListener(change -> showDomain());
        owners.setId("members-owners");
        configurePeople();
        username.setId("members-username");
        group.setId("members-group");
        group.setItems("members", "owners");
        group.setValue("members");
        add.setId("members-add");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.addClickListener(click -> change(username.getValue(), group.getValue(), true));
        remove.setId("members-remove");
        remove.addThemeVariants(ButtonVariant.LUMO_ERROR);
        remove.addClickListener(click -> change(username.getValue(), group.getValue(), false));
        status.setId("members-status");
        status.getElement().setAttribute("aria-live", "polite");
        HorizontalLayout form = new HorizontalLayout(username, group, add, remove);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        form.getStyle().set("flex-wrap", "wrap");
        add(new H2("Domain members"), domain, owners, new H3("People"), listed, people, new H3("Add or remove a person"), form, status,
                new Paragraph("A change takes effect at the person's next sign-in; adding someone twice or removing someone who"
                        + " is not in the group changes nothing."));
        load();
    }

    private void configurePeople() {
        people.setId("members-people");
        people.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        people.setAllRowsVisible(true);
        people.addColumn(r -> r.person().username()).setHeader("User name").setAutoWidth(true);
        people.addColumn(r -> r.person().name()).setHeader("Name").setAutoWidth(true);
        people.addColumn(Row::role).setHeader("As").setAutoWidth(true);
        people.addColumn(r -> r.person().group()).setHeader("Group").setAutoWidth(true);
        people.addColumn(r -> !r.person().enabled() ? "disabled"
                : "owner".equals(r.role()) && !r.person().domainOwnerRole() ? "lacks the domain-owner role" : "")
                .setHeader("Note").setFlexGrow(1);
        people.addComponentColumn(r -> {
            if (removableGroup(r) == null) {
                return new Span("by a mesh admin");
            }
            Button leave = new Button("Remove", click -> change(r.person().username(), removableGroup(r), false));
            leave.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            leave.addClassName("members-remove-person");
            leave.setAriaLabel("Remove " + r.person().username() + " from " + r.person().group());
            return leave;
        }).setAutoWidth(true).setFlexGrow(0);
    }

    void load() {
        try {
            ownersByDomain.putAll(domains.domains());
        } catch (NodeException failure) {
            status.setText("Could not load the domains.");
            Problems.show(failure);
            return;
        }
        domain.setItems(ownersByDomain.keySet());
        firstOfMine().or(() -> ownersByDomain.keySet().stream().findFirst()).ifPresent(domain::setValue);
        if (ownersByDomain.isEmpty()) {
            status.setText("No domains yet: a mesh admin creates them.");
        }
    }

    /** The first domain whose people the node lists to me: one of my own (the portal does not know my groups). */
    private java.util.Optional<String> firstOfMine() {
        for (String name : ownersByDomain.keySet()) {
            try {
                readAhead = Map.entry(name, domains.people(name));
                return java.util.Optional.of(name);
            } catch (NodeException notMine) {
                // 403 for a domain I am not in: try the next
            }
        }
        return java.util.Optional.empty();
    }

    private void showDomain() {
        List<String> names = ownersByDomain.getOrDefault(domain.getValue(), List.of());
        owners.setText(names.isEmpty() ? "No owners described for " + domain.getValue() + " in the catalog."
                : "Owners named in the catalog: " + String.join(", ", names));
        showPeople();
    }

    void showPeople() {
        if (domain.getValue() == null) {
            return;
        }
        var ahead = readAhead;
        readAhead = null; // once only: after a change the people are read again
        DomainClient.People found;
        try {
            found = ahead != null && ahead.getKey().equals(domain.getValue()) ? ahead.getValue() : domains.people(domain.getValue());
        } catch (NodeException failure) {
            people.setVisible(false);
            listed.setText(failure.status() == 403 ? "Only the people of " + domain.getValue() + " (and mesh admins) see who is in it."
                    : failure.status() == 404 ? domain.getValue() + " has no groups in the identity provider yet: a mesh admin creates them."
                    : "Could not list the people of " + domain.getValue() + ": " + failure.getMessage());
            return;
        }
        List<Row> rows = new ArrayList<>();
        found.owners().forEach(p -> rows.add(new Row(p, "owner")));
        found.members().forEach(p -> rows.add(new Row(p, "member")));
        people.setItems(rows);
        people.setVisible(!rows.isEmpty());
        listed.setText(rows.isEmpty() ? "Nobody is in " + domain.getValue() + "'s groups yet."
                : found.owners().size() + " owner(s), " + found.members().size() + " member(s).");
    }

    /** The group the row's person leaves: the one that lists them (the domain's own group is managed by admins). */
    private String removableGroup(Row row) {
        String path = row.person().group();
        return path.endsWith("/owners") ? "owners" : path.endsWith("/members") ? "members" : null;
    }

    void change(String who, String groupName, boolean join) {
        username.setInvalid(false);
        if (who == null || who.isBlank()) {
            username.setErrorMessage("Whom?");
            username.setInvalid(true);
            return;
        }
        if (groupName == null) {
            status.setText(who.strip() + " is in the domain's own group, which only a mesh admin changes (Users).");
            return;
        }
        String path = "/domains/" + domain.getValue() + "/" + groupName;
        try {
            domains.setGroup(who.strip(), path, join);
            status.setText((join ? "Added " : "Removed ") + who.strip() + (join ? " to " : " from ") + path
                    + ". It takes effect at their next sign-in.");
            showPeople();
        } catch (NodeException failure) {
            username.setErrorMessage(failure.detail() == null ? failure.title() : failure.detail());
            username.setInvalid(true);
            status.setText("Not changed.");
        }
    }
}
