package io.orderhub.kit.security;

/** The roles of DESIGN.md, carried in the JWT's {@code groups} claim. */
public final class Roles {
    public static final String OPS = "ops";
    public static final String CS = "cs";
    public static final String FINANCE = "finance";
    public static final String WAREHOUSE = "warehouse";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
