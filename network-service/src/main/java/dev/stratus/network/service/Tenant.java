package dev.stratus.network.service;

import dev.stratus.platform.auth.Caller;

/**
 * Whom a request acts for: the project of the caller's token (never a project named in the request) and whether
 * the caller is a cloud administrator. Built from {@link Caller} by the REST layer; a request without a valid
 * token has no tenant (401).
 */
public record Tenant(String projectId, boolean admin) {

    public static Tenant of(Caller caller) {
        return new Tenant(caller.projectId(), caller.isAdmin());
    }

    public boolean owns(String project) {
        return projectId.equals(project);
    }

    /** Whether the tenant may change a resource of {@code project}: its own, or any when administrator. */
    public boolean mayChange(String project) {
        return admin || owns(project);
    }
}
