package io.meshwork.portal.layout;

import com.vaadin.flow.component.HasValidation;
import io.meshwork.portal.node.NodeException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The node's validation problem (errors[] of JSON pointers and reasons) shown where the person typed:
 * each error at the field its pointer's first segment names, the rest returned to show elsewhere.
 */
public final class FieldProblems {

    private FieldProblems() {
    }

    /**
     * @param fields form fields by the first segment of the node's pointer ({@code /clientId} → "clientId")
     * @return the lines no field shows (with their pointer), or the problem's message when it listed no errors
     */
    public static List<String> show(NodeException problem, Map<String, ? extends HasValidation> fields) {
        List<String> elsewhere = new ArrayList<>();
        for (NodeException.FieldError error : problem.errors()) {
            HasValidation field = fields.get(firstSegment(error.pointer()));
            if (field == null) {
                elsewhere.add((error.pointer().isEmpty() ? "" : error.pointer() + ": ") + error.reason());
            } else {
                // two errors for one field: both, so that fixing one does not hide the other
                String before = field.isInvalid() && field.getErrorMessage() != null ? field.getErrorMessage() + "; " : "";
                field.setErrorMessage(before + error.reason());
                field.setInvalid(true);
            }
        }
        if (problem.errors().isEmpty()) {
            elsewhere.add(problem.getMessage());
        }
        return elsewhere;
    }

    /** Clears what an earlier problem marked. */
    public static void clear(Collection<? extends HasValidation> fields) {
        fields.forEach(field -> {
            field.setInvalid(false);
            field.setErrorMessage(null);
        });
    }

    static String firstSegment(String pointer) {
        return pointer.startsWith("/") ? pointer.substring(1).split("/", 2)[0] : pointer;
    }
}
