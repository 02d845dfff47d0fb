package dev.stratus.platform.auth;

import dev.stratus.platform.problem.ApiException;

import java.util.Set;

/**
 * Who sent the request: the token's user ({@code sub}), the one project it is scoped to ({@code project_id}) and
 * its roles ({@code groups}). Inject it ({@code @Inject Caller caller}, request-scoped, so singletons may inject it
 * too) and scope every query by {@link #projectId()}: another project's resource is a 404, never a 403.
 * Reading the user or project of a request without a valid token is a 401 problem.
 * <p>
 * A class rather than a record only because a request-scoped bean must be proxyable (records are final).
 */
public class Caller {
    private final String userId;
    private final String projectId;
    private final Set<String> roles;

    /** For the CDI client proxy only. */
    protected Caller() {
        this(null, null, Set.of());
    }

    public Caller(String userId, String projectId, Set<String> roles) {
        this.userId = userId;
        this.projectId = projectId;
        this.roles = Set.copyOf(roles);
    }

    /** The caller of a request without a (valid) token. */
    public static Caller anonymous() {
        return new Caller(null, null, Set.of());
    }

    public boolean isAuthenticated() {
        return userId != null && projectId != null;
    }

    /** The user id ({@code sub}); 401 problem without a token. */
    public String userId() {
        requireAuthenticated();
        return userId;
    }

    /** The project the token is scoped to; 401 problem without a token. */
    public String projectId() {
        requireAuthenticated();
        return projectId;
    }

    public Set<String> roles() {
        return roles;
    }

    public boolean isAdmin() {
        return roles.contains(Roles.ADMIN);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** 401 problem unless the request carried a valid token. */
    public Caller requireAuthenticated() {
        if (!isAuthenticated()) {
            throw new ApiException(401, "Unauthorized", "a valid bearer token is required (POST /v1/auth/tokens)",
                    null);
        }
        return this;
    }

    /** 403 problem unless the caller holds at least one of {@code anyOf} (401 without a token). */
    public Caller requireRole(String... anyOf) {
        requireAuthenticated();
        for (String role : anyOf) {
            if (roles.contains(role)) {
                return this;
            }
        }
        throw new ApiException(403, "Forbidden", "this action needs the role " + String.join(" or ", anyOf)
                + "; the token has " + roles, null);
    }

    /** 403 problem for readers (and anyone else without member or admin): creating, changing, deleting. */
    public Caller requireWrite() {
        return requireRole(Roles.MEMBER, Roles.ADMIN);
    }

    /** 403 problem unless the caller is a cloud administrator. */
    public Caller requireAdmin() {
        return requireRole(Roles.ADMIN);
    }

    @Override
    public String toString() {
        return "Caller[user=" + userId + ", project=" + projectId + ", roles=" + roles + "]";
    }
}
