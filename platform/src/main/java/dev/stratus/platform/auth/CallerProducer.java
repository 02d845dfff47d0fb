package dev.stratus.platform.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Set;

/**
 * Produces the request's {@link Caller} from the token SmallRye JWT verified. Without a valid token the caller is
 * anonymous and any use of its user or project is a 401 problem, so a resource that scopes by
 * {@code caller.projectId()} cannot serve anonymous requests even if it forgot {@code @Authenticated}.
 */
@ApplicationScoped
public class CallerProducer {
    /** The token claim naming the project the token is scoped to. */
    public static final String PROJECT_CLAIM = "project_id";

    @Inject
    JsonWebToken jwt;

    @Produces
    @RequestScoped
    Caller caller() {
        if (jwt == null || jwt.getSubject() == null || jwt.getRawToken() == null) {
            return Caller.anonymous();
        }
        Object project = jwt.getClaim(PROJECT_CLAIM);
        Set<String> groups = jwt.getGroups() == null ? Set.of() : jwt.getGroups();
        return new Caller(jwt.getSubject(), project == null ? null : project.toString(), groups);
    }
}
