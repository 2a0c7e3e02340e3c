package io.meshwork.portal.admin;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AccessDeniedErrorRouter;
import io.meshwork.portal.layout.MainLayout;
import io.meshwork.portal.layout.Problems;
import io.meshwork.portal.node.NodeException;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Map;

/**
 * Mesh admins find users ({@code admin/users?q=…}, bookmarkable), give and take Meshwork roles and domain
 * groups, and disable or enable them.
 */
@Route(value = "admin/users", layout = MainLayout.class)
@PageTitle("Users | Meshwork")
@RolesAllowed(Roles.MESH_ADMIN)
@AccessDeniedErrorRouter
public class UsersView extends VerticalLayout implements BeforeEnterObserver {

    static final int PAGE = 50;

    private final AdminClient admin;
    final TextField search = new TextField();
    final Grid<User> grid = new Grid<>(User.class, false);
    final Span status = new Span();
    final VerticalLayout details = new VerticalLayout();
    User selected;

    public UsersView(AdminClient admin) {
        this.admin = admin;
        setSizeFull();
        search.setId("users-search");
        search.setPlaceholder("Name, username or email");
        search.setAriaLabel("Search users");
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setClearButtonVisible(true);
        search.addKeyPressListener(Key.ENTER, enter -> navigateTo(search.getValue()));
        Button find = new Button("Search", click -> navigateTo(search.getValue()));
        find.setId("users-find");
        status.setId("users-status");
        details.setId("user-details");
        details.setVisible(false);
        details.setPadding(false);
        configureGrid();
        FlexLayout body = new FlexLayout(grid, details);
        body.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        body.setWidthFull();
        body.getStyle().set("gap", "var(--lumo-space-m)");
        grid.getStyle().set("flex", "2 1 480px");
        details.getStyle().set("flex", "1 1 320px");
        HorizontalLayout bar = new HorizontalLayout(search, find);
        bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(new H2("Users"), bar, status, body);
    }

    private void configureGrid() {
        grid.setId("users-grid");
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(User::username).setHeader("Username").setAutoWidth(true);
        grid.addColumn(User::name).setHeader("Name").setAutoWidth(true);
        grid.addColumn(User::email).setHeader("Email").setAutoWidth(true);
        grid.addColumn(u -> u.enabled() ? "enabled" : "disabled").setHeader("State").setAutoWidth(true);
        grid.asSingleSelect().addValueChangeListener(change -> {
            if (change.getValue() != null) {
                show(change.getValue().username());
            }
        });
    }

    private void navigateTo(String query) {
        getUI().ifPresent(ui -> ui.navigate("admin/users", query == null || query.isBlank()
                ? QueryParameters.empty() : QueryParameters.simple(Map.of("q", query.strip()))));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String q = event.getLocation().getQueryParameters().getSingleParameter("q").orElse("");
        search.setValue(q);
        find(q);
    }

    void find(String query) {
        try {
            AdminClient.UserPage page = admin.users(query, 0, PAGE);
            grid.setItems(page.items());
            grid.setVisible(!page.items().isEmpty());
            status.setText(page.items().isEmpty() ? "No user matches \"" + query + "\"."
                    : page.total() > page.items().size() ? "Showing " + page.items().size() + " of " + page.total()
                            + " users: narrow the search" : page.total() + " user(s)");
        } catch (NodeException failure) {
            grid.setVisible(false);
            status.setText(failure.status() == 503 ? "Identity administration is not available on this node."
                    : "Could not search the users.");
            Problems.show(failure);
        }
    }

    /** The user's roles (a checkbox each), groups (remove, add), and the enable/disable switch. */
    void show(String username) {
        try {
            selected = admin.user(username);
        } catch (NodeException failure) {
            Problems.show(failure);
            return;
        }
        details.removeAll();
        details.add(new H3(selected.name().isBlank() ? selected.username() : selected.name() + " (@" + selected.username() + ")"));
        if (!selected.providers().isEmpty()) {
            details.add(new Span("Signs in through: " + String.join(", ", selected.providers())));
        }
        Span rolesLabel = new Span("Roles");
        rolesLabel.getStyle().set("font-weight", "600");
        details.add(rolesLabel);
        for (String role : Roles.ALL) {
            Checkbox box = new Checkbox(role, selected.roles().contains(role));
            box.setId("user-role-" + role);
            box.addValueChangeListener(change -> {
                if (change.isFromClient()) {
                    act(() -> admin.setRole(selected.username(), role, change.getValue()),
                            (change.getValue() ? "Gave " : "Took ") + role + (change.getValue() ? " to " : " from ") + selected.username());
                }
            });
            details.add(box);
        }
        Span groupsLabel = new Span("Domain groups");
        groupsLabel.getStyle().set("font-weight", "600");
        details.add(groupsLabel);
        List<String> groups = selected.groups().stream().filter(g -> g.startsWith("/domains/")).toList();
        if (groups.isEmpty()) {
            details.add(new Span("In no domain group."));
        }
        for (String group : groups) {
            Button remove = new Button(VaadinIcon.CLOSE_SMALL.create(),
                    click -> act(() -> admin.setGroup(selected.username(), group, false), "Removed from " + group));
            remove.setAriaLabel("Remove " + selected.username() + " from " + group);
            remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            details.add(new HorizontalLayout(new Span(group), remove));
        }
        TextField newGroup = new TextField();
        newGroup.setId("user-new-group");
        newGroup.setPlaceholder("/domains/orders/members");
        newGroup.setAriaLabel("Domain group to add " + selected.username() + " to");
        Button join = new Button("Add to group", click -> act(() -> admin.setGroup(selected.username(), newGroup.getValue().strip(), true),
                "Added to " + newGroup.getValue()));
        join.setId("user-join-group");
        details.add(new HorizontalLayout(newGroup, join));
        Button toggle = new Button(selected.enabled() ? "Disable user" : "Enable user",
                click -> act(() -> admin.setUserEnabled(selected.username(), !selected.enabled()),
                        selected.username() + (selected.enabled() ? " disabled" : " enabled")));
        toggle.setId("user-toggle");
        toggle.addThemeVariants(selected.enabled() ? ButtonVariant.LUMO_ERROR : ButtonVariant.LUMO_SUCCESS);
        details.add(toggle);
        details.setVisible(true);
    }

    private void act(Runnable action, String done) {
        String username = selected.username();
        try {
            action.run();
            Problems.done(done);
        } catch (NodeException failure) {
            Problems.show(failure);
        }
        show(username);
    }
}
