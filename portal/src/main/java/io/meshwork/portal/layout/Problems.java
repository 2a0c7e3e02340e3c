package io.meshwork.portal.layout;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import io.meshwork.portal.node.NodeException;
import java.util.List;

/** The node's problems as the person sees them: an error notification in words, with the trace id, never a stack trace. */
public final class Problems {

    private Problems() {
    }

    public static Notification show(NodeException failure) {
        return show(failure.getMessage(), List.of(), failure.traceId());
    }

    public static Notification show(String title, List<String> lines, String traceId) {
        String text = title + (lines.isEmpty() ? "" : ": " + String.join("; ", lines))
                + (traceId == null ? "" : " (trace id " + traceId + ")");
        Notification notification = new Notification(text, 10_000, Notification.Position.TOP_CENTER);
        notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
        notification.setId("problem");
        notification.open();
        return notification;
    }

    public static void done(String text) {
        Notification notification = new Notification(text, 4_000, Notification.Position.BOTTOM_START);
        notification.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        notification.open();
    }
}
