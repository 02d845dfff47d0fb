package dev.stratus.platform.auth;

import dev.stratus.platform.problem.Problem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Authentication and authorization failures as application/problem+json: a missing, expired, forged or
 * unknown-key token is a 401 (with {@code WWW-Authenticate: Bearer}), a role check that fails a 403.
 */
public final class AuthProblems {
    private AuthProblems() {
    }

    static Response unauthorized(String detail) {
        return Response.status(401).type(Problem.MEDIA_TYPE).header("WWW-Authenticate", "Bearer realm=\"stratus\"")
                .entity(Problem.of(401, "Unauthorized", detail, null)).build();
    }

    @Provider
    public static class AuthenticationFailedMapper implements ExceptionMapper<AuthenticationFailedException> {
        @Override
        public Response toResponse(AuthenticationFailedException e) {
            return unauthorized("the bearer token is invalid: expired, not signed by Stratus, or malformed");
        }
    }

    @Provider
    public static class UnauthorizedMapper implements ExceptionMapper<UnauthorizedException> {
        @Override
        public Response toResponse(UnauthorizedException e) {
            return unauthorized("a bearer token is required (POST /v1/auth/tokens)");
        }
    }

    @Provider
    public static class ForbiddenMapper implements ExceptionMapper<ForbiddenException> {
        @Override
        public Response toResponse(ForbiddenException e) {
            return Response.status(403).type(Problem.MEDIA_TYPE)
                    .entity(Problem.of(403, "Forbidden", "the token's roles do not allow this action", null)).build();
        }
    }
}
