package io.meshwork.portal.admin;

import java.util.List;

/** The Meshwork realm roles, as the node names them. */
public final class Roles {

    public static final String MESH_ADMIN = "mesh-admin";
    public static final String DOMAIN_OWNER = "domain-owner";
    public static final String DATA_CONSUMER = "data-consumer";
    public static final String SRE = "sre";

    /** Every role an admin can give, in the order to offer them. */
    public static final List<String> ALL = List.of(MESH_ADMIN, DOMAIN_OWNER, DATA_CONSUMER, SRE);

    private Roles() {
    }
}
