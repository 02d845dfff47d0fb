package dev.stratus.api.identity;

import dev.stratus.platform.auth.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * api-service's own token (role {@code service}) for calling the agents' internal routes (console proxy). It is
 * the issuer, so it signs its token itself; renewed after half of its 10-minute life.
 */
@ApplicationScoped
public class ServiceIdentity {
    private static final Duration LIFETIME = Duration.ofMinutes(10);

    @Inject
    TokenIssuer issuer;

    private TokenIssuer.IssuedToken token;

    /** {@code Bearer <token>} for an Authorization header. */
    public synchronized String authorization() {
        if (token == null || Instant.now().isAfter(token.expiresAt().minus(LIFETIME.dividedBy(2)))) {
            token = issuer.issue("api-service", "api-service", Bootstrap.SERVICE_PROJECT, Set.of(Roles.SERVICE), null,
                    LIFETIME);
        }
        return "Bearer " + token.token();
    }
}
