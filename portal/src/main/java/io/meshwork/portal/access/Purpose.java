package io.meshwork.portal.access;

import java.util.List;

/**
 * The purposes a request chooses from. The node's vocabulary is configuration ({@code MESHWORK_ACCESS_PURPOSES});
 * the portal reads the same setting ({@code meshwork.access-purposes}), and these are the defaults of both.
 */
public final class Purpose {

    public static final List<String> DEFAULTS = List.of("analytics", "reporting", "ml-training", "fraud", "legal", "operations");

    private Purpose() {
    }
}
