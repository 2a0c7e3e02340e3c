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
        nav.addItem(item("nav-access", "My requests & grants", "access", VaadinIcon.KEY));
        if (authentication.hasRole(DOMAIN_OWNER)) {
            nav.addItem(item("nav-inbox", "Inbox", "inbox", VaadinIcon.INBOX));
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
