package dev.stratus.platform.ratelimit;

import dev.stratus.platform.auth.Caller;
import dev.stratus.platform.auth.Roles;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Every request of a project's token takes a token of that project's bucket for its action (GET/HEAD read,
 * POST create, PUT/PATCH update, DELETE delete) before the resource runs; an empty bucket is a 429 problem with
 * {@code Retry-After}. Anonymous requests (token issue, keys) and service users are not limited here (api-service
 * limits token requests itself, per user and address).
 */
@Provider
@Priority(Priorities.USER)
public class RateLimitFilter implements ContainerRequestFilter {
    @Inject
    Caller caller;
    @Inject
    RateLimits limits;

    @Override
    public void filter(ContainerRequestContext request) {
        String project;
        try {
            if (!caller.isAuthenticated() || caller.hasRole(Roles.SERVICE) || caller.projectId() == null) {
                return;
            }
            project = caller.projectId();
        } catch (RuntimeException e) {
            return; // a bad token: the resource's own check answers 401
        }
        limits.take(project, RateLimits.Action.of(request.getMethod()));
    }
}
