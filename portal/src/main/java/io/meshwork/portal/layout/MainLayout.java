package io.meshwork.portal.layout;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.spring.security.AuthenticationContext;
import com.vaadin.flow.theme.lumo.LumoUtility;
import io.meshwork.portal.security.SignedInUser;

/** The frame around every view: the app name, who is signed in with which roles, and sign-out. */
public class MainLayout extends AppLayout {

    public MainLayout(AuthenticationContext authentication) {
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
