package dev.stratus.platform.auth;

/**
 * The roles a token carries in its {@code groups} claim. Roles are granted per project, except {@link #ADMIN},
 * which makes its holder a cloud administrator (admin APIs, any project) and {@link #SERVICE}, held only by the
 * service users of Stratus' own components (agents, api-service).
 */
public final class Roles {
    /** Cloud administrator: projects, users, roles, quotas, signing keys; public images. */
    public static final String ADMIN = "admin";
    /** Creates, changes and deletes the resources of its project. */
    public static final String MEMBER = "member";
    /** Reads the resources of its project; every write is a 403. */
    public static final String READER = "reader";
    /** Stratus' own components calling each other (the {@code /internal/v1/*} routes). */
    public static final String SERVICE = "service";

    private Roles() {
    }
}
