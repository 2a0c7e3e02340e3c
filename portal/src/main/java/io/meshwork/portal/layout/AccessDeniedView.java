package io.meshwork.portal.layout;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.ParentLayout;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Shown, with status 403, when a signed-in user opens a view their roles do not allow. Views opt in
 * with {@code @AccessDeniedErrorRouter}; without it Vaadin answers "not found" in production.
 */
@ParentLayout(MainLayout.class)
public class AccessDeniedView extends Div implements HasErrorParameter<AccessDeniedException> {

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<AccessDeniedException> parameter) {
        removeAll();
        add(new H2("Access denied"),
                new Paragraph("Your roles do not allow this page. Ask a mesh admin for access."));
        setId("access-denied");
        return HttpServletResponse.SC_FORBIDDEN;
    }
}
