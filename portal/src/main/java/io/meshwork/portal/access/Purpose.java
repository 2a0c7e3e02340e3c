package io.meshwork.portal.access;

import java.util.List;

/** The node's purpose vocabulary: a request names one, and says more in its justification. */
public final class Purpose {

    public static final List<String> ALL = List.of("analytics", "reporting", "ml-training", "fraud", "legal", "operations");

    private Purpose() {
    }
}
