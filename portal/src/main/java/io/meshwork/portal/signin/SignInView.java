package io.meshwork.portal.signin;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.spring.security.AuthenticationContext;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where anonymous visitors land: "Sign in with Keycloak" (Meshwork's own accounts) and one
 * "Sign in with …" button per identity provider federated into the realm, each going straight to that
 * provider. If the node cannot say which providers there are, Keycloak's button is still there (and
 * Keycloak's own page lists them too).
 */
@Route(SignInView.ROUTE)
@PageTitle("Sign in · Meshwork")
@AnonymousAllowed
public class SignInView extends VerticalLayout implements BeforeEnterObserver {

    static final String ROUTE = "sign-in";
    private static final Logger LOG = LoggerFactory.getLogger(SignInView.class);

    private final AuthenticationContext authentication;
    final VerticalLayout options = new VerticalLayout();
    final Paragraph notice = new Paragraph();
    final Paragraph failure = new Paragraph("Signing in did not work. Please try again.");

    public SignInView(SignInOptionsClient providers, AuthenticationContext authentication) {
        this.authentication = authentication;
        setId("sign-in");
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);

        H1 title = new H1("Meshwork");
        title.addClassNames(LumoUtility.FontSize.XXXLARGE, LumoUtility.Margin.Bottom.NONE);
        Paragraph lead = new Paragraph("Sign in to find, request and share data products.");
        lead.addClassNames(LumoUtility.TextColor.SECONDARY);
        failure.setId("sign-in-failed");
        failure.addClassNames(LumoUtility.TextColor.ERROR);
        failure.setVisible(false);
        notice.setId("sign-in-notice");
        notice.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        notice.setVisible(false);

        options.setId("sign-in-options");
        options.setPadding(false);
        options.setWidth("22rem");
        options.setMaxWidth("100%");
        options.setAlignItems(FlexComponent.Alignment.STRETCH);
        options(providers).forEach(option -> options.add(button(option)));

        add(title, lead, failure, options, notice);
    }

    private List<SignInOption> options(SignInOptionsClient providers) {
        List<SignInOption> all = new ArrayList<>();
        all.add(SignInOption.KEYCLOAK);
        try {
            all.addAll(providers.providers());
        } catch (RuntimeException e) {
            LOG.warn("cannot list the identity providers to sign in with: {}", e.toString());
            notice.setText("Your company's sign-in could not be listed here just now; Keycloak's sign-in page offers it too.");
            notice.setVisible(true);
        }
        return all;
    }

    private static Button button(SignInOption option) {
        Button button = new Button("Sign in with " + option.displayName(),
                option.alias() == null ? VaadinIcon.KEY.create() : VaadinIcon.SIGN_IN.create(),
                click -> UI.getCurrent().getPage().setLocation(option.start()));
        button.setId(option.elementId());
        button.getElement().setAttribute("data-start", option.start());
        if (option.alias() == null) {
            button.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        }
        return button;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (authentication.isAuthenticated()) {
            // already signed in (a bookmark, the back button): nothing to do here
            event.forwardTo("");
            return;
        }
        // Spring Security comes back here with ?error when a sign-in failed
        failure.setVisible(event.getLocation().getQueryParameters().getParameters().containsKey("error"));
    }
}
