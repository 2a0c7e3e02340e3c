package io.meshwork.portal.access;

import java.util.List;

/**
 * The purposes a request chooses from until the node has said which it accepts ({@code GET /api/v1/access/purposes},
 * its {@code MESHWORK_ACCESS_PURPOSES} setting): the node's defaults.
 */
public final class Purpose {

    public static final List<String> DEFAULTS = List.of("analytics", "reporting", "ml-training", "fraud", "legal", "operations");

    private Purpose() {
    }
}
