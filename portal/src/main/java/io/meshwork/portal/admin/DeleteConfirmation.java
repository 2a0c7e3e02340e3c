package io.meshwork.portal.admin;

import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import io.meshwork.portal.layout.Problems;
import io.meshwork.portal.node.NodeException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Asks before deleting one item of a list, then deletes it and says so (or shows the node's problem).
 * One confirm listener for the dialog's whole life, acting on the item of the latest opening only: a
 * listener added per opening would, at the next confirmation, delete again everything confirmed before.
 */
final class DeleteConfirmation<T> extends ConfirmDialog {

    private T pending;

    DeleteConfirmation(Consumer<T> delete, Function<T, String> done, Runnable afterwards) {
        setCancelable(true);
        setConfirmText("Delete");
        setConfirmButtonTheme("error primary");
        addCancelListener(no -> pending = null);
        addConfirmListener(yes -> {
            T item = pending;
            pending = null;
            if (item == null) {
                return;
            }
            try {
                delete.accept(item);
                Problems.done(done.apply(item));
            } catch (NodeException failure) {
                Problems.show(failure);
            }
            afterwards.run();
        });
    }

    void ask(T item, String header, String text) {
        setHeader(header);
        setText(text);
        pending = item;
        open();
    }
}
