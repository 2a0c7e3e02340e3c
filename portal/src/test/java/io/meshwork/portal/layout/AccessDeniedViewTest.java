package io.meshwork.portal.layout;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.ErrorParameter;
import org.junit.jupiter.api.Test;

class AccessDeniedViewTest {

    @Test
    void answersForbidden() {
        var view = new AccessDeniedView();

        int status = view.setErrorParameter(null,
                new ErrorParameter<>(AccessDeniedException.class, new AccessDeniedException()));

        assertThat(status).isEqualTo(403);
        assertThat(view.getElement().getTextRecursively()).contains("Access denied");
    }
}
