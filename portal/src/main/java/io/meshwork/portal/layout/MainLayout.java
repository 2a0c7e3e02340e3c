package io.meshwork.portal.layout;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.spring.security.AuthenticationContext;
import com.vaadin.flow.theme.lumo.LumoUtility;
import io.meshwork.portal.security.SignedInUser;

/**
 * The frame around every view: the app name, navigation that shows only what the user's roles may
 * open (the views refuse the others server-side too), who is signed in with which roles, and sign-out.
 */
public class MainLayout extends AppLayout {

    /** The realm role whose holders decide access requests of their domains. */
    static final String DOMAIN_OWNER = "domain-owner";
    static final String MESH_ADMIN = "mesh-admin";
    static final String SRE = "sre";

    public MainLayout(AuthenticationContext authentication) {
        DrawerToggle toggle = new DrawerToggle();
        toggle.setAriaLabel("Show or hide the navigation");
        addToNavbar(toggle);
        addToDrawer(navigation(authentication));

        H1 title = new H1("Meshwork");
        title.addClassNames(LumoUtility.FontSize.LARGE, LumoUtility.Margin.NONE);

        HorizontalLayout header = new HorizontalLayout(title);
        header.setWidthFull();
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        header.addClassNames(LumoUtility.Padding.Horizontal.MEDIUM);
        header.expand(title);
        SignedInUser.current(authentication).ifPresent(user -> header.add(userBlock(user, authentication)));
        addToNavbar(header);
    }

    static SideNav navigation(AuthenticationContext authentication) {
        SideNav nav = new SideNav();
        nav.setId("navigation");
        nav.getElement().setAttribute("aria-label", "Main navigation");
        nav.addItem(item("nav-catalog", "Catalog", "", VaadinIcon.TABLE));
        nav.addItem(item("nav-search", "Search", "search", VaadinIcon.SEARCH));
        nav.addItem(item("nav-access", "My requests & grants", "access", VaadinIcon.KEY));
        nav.addItem(item("nav-query", "Query my data", "query", VaadinIcon.DATABASE));
        if (authentication.hasRole(DOMAIN_OWNER)) {
            nav.addItem(item("nav-inbox", "Inbox", "inbox", VaadinIcon.INBOX));
        }
        boolean admin = authentication.hasRole(MESH_ADMIN);
        if (admin || authentication.hasRole(SRE)) {
            nav.addItem(item("nav-sre", "SRE dashboard", "sre", VaadinIcon.DASHBOARD));
        }
        if (admin || authentication.hasRole(DOMAIN_OWNER)) {
            nav.addItem(item("nav-register", "Register a product", "register", VaadinIcon.PLUS_CIRCLE));
            nav.addItem(item("nav-pipeline", "Pipelines", "pipeline", VaadinIcon.FLIP_H));
            nav.addItem(item("nav-members", "Domain members", "domain/members", VaadinIcon.GROUP));
        }
        if (admin || authentication.hasRole(DOMAIN_OWNER)) {
            SideNavItem administration = new SideNavItem("Administration");
            administration.setId("nav-admin");
            administration.setExpanded(true);
            if (admin) {
                administration.addItem(item("nav-providers", "Identity providers", "admin/providers", VaadinIcon.SIGN_IN));
                administration.addItem(item("nav-users", "Users", "admin/users", VaadinIcon.USERS));
            }
            administration.addItem(item("nav-service-accounts", "Service accounts", "admin/service-accounts", VaadinIcon.COG));
            administration.addItem(item("nav-policies", "Policies", "admin/policies", VaadinIcon.SHIELD));
            administration.addItem(item("nav-audit", "Audit log", "admin/audit", VaadinIcon.RECORDS));
            nav.addItem(administration);
        }
        return nav;
    }

    private static SideNavItem item(String id, String label, String path, VaadinIcon icon) {
        SideNavItem item = new SideNavItem(label, path, icon.create());
        item.setId(id);
        return item;
    }

    private static HorizontalLayout userBlock(SignedInUser user, AuthenticationContext authentication) {
        Span name = new Span(user.displayName());
        name.setId("user-name");
        name.addClassNames(LumoUtility.FontWeight.SEMIBOLD);
        Span username = new Span("@" + user.username());
        username.setId("user-username");
        username.addClassNames(LumoUtility.TextColor.SECONDARY);

        HorizontalLayout block = new HorizontalLayout(name, username);
        block.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        // on a narrow window the badges go to a second line instead of pushing "Sign out" off screen
        block.getStyle().set("flex-wrap", "wrap").set("row-gap", "0").set("justify-content", "flex-end");
        for (String role : user.roles()) {
            Span badge = new Span(role);
            badge.getElement().getThemeList().add("badge contrast");
            badge.addClassName("user-role");
            block.add(badge);
        }
        Button signOut = new Button("Sign out", click -> authentication.logout());
        signOut.setId("sign-out");
        signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        block.add(signOut);
        return block;
    }
}
