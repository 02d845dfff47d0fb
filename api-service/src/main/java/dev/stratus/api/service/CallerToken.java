package dev.stratus.api.service;

import dev.stratus.platform.problem.ApiException;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.UUID;

/**
 * What api-service passes on when it asks another service on a user's behalf: the caller's own token (that service
 * then shows the caller only its project's networks, groups and images), and whether a reference is an id or a name.
 */
final class CallerToken {
    private CallerToken() {
    }

    /** {@code Bearer <the caller's token>}; a 401 problem when the request carried none. */
    static String bearer(JsonWebToken jwt) {
        if (jwt == null || jwt.getRawToken() == null) {
            throw new ApiException(401, "Unauthorized", "a valid bearer token is required", null);
        }
        return "Bearer " + jwt.getRawToken();
    }

    /** Whether {@code reference} is an id (a UUID) rather than a name. */
    static boolean isId(String reference) {
        try {
            UUID.fromString(reference);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
