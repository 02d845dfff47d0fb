package dev.stratus.image.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.platform.problem.ApiException;
import dev.stratus.platform.problem.Problem;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.concurrent.Callable;

/**
 * What a plain Vert.x route needs to behave like the JAX-RS resources: the caller's identity (the same lazy JWT
 * authentication; 401 problems worded as {@code dev.stratus.platform.auth.AuthProblems}), blocking work on a
 * worker thread inside a request context whose {@code Caller} is that identity, and JSON / problem+json answers
 * written with the application's ObjectMapper (snake_case), as {@code ProblemMappers} would.
 */
@ApplicationScoped
class RouteCalls {
    private static final Logger LOG = Logger.getLogger(RouteCalls.class);

    private final IdentityProviderManager identities;
    private final ObjectMapper json;

    RouteCalls(IdentityProviderManager identities, ObjectMapper json) {
        this.identities = identities;
        this.json = json;
    }

    /** The request's identity; fails with a 401 {@link ApiException} for a bad or missing token. */
    Uni<SecurityIdentity> authenticate(RoutingContext rc) {
        return QuarkusHttpUser.getSecurityIdentity(rc, identities)
                .onFailure(AuthenticationFailedException.class).transform(e -> unauthorized(
                        "the bearer token is invalid: expired, not signed by Stratus, or malformed"))
                .onItem().transform(identity -> {
                    if (identity == null || identity.isAnonymous()) {
                        throw unauthorized("a bearer token is required (POST /v1/auth/tokens)");
                    }
                    return identity;
                });
    }

    /** Runs {@code work} on a worker thread in a fresh request context of {@code identity}; the future completes on the caller's context. */
    <T> Future<T> blocking(RoutingContext rc, SecurityIdentity identity, Callable<T> work) {
        return rc.vertx().executeBlocking(() -> {
            ManagedContext requestContext = Arc.container().requestContext();
            requestContext.activate();
            try {
                Arc.container().instance(CurrentIdentityAssociation.class).get().setIdentity(identity);
                return work.call();
            } finally {
                requestContext.terminate();
            }
        }, false);
    }

    void json(RoutingContext rc, int status, Object body) {
        write(rc.response(), status, "application/json", body);
    }

    /** Answers with the problem for {@code failure}: an ApiException's own, else a 500 that says nothing internal. */
    void problem(RoutingContext rc, Throwable failure) {
        HttpServerResponse response = rc.response();
        if (response.headWritten()) {
            // a failed token: Quarkus's lazy authentication has already answered through the same
            // problem+json mapper (AuthProblems) that the JAX-RS resources use
            return;
        }
        if (failure instanceof ApiException api) {
            api.headers().forEach(response::putHeader);
            write(response, api.toProblem().status(), Problem.MEDIA_TYPE, api.toProblem());
            return;
        }
        LOG.error("unexpected error", failure);
        write(response, 500, Problem.MEDIA_TYPE, Problem.of(500, "Internal Server Error",
                "the request failed unexpectedly; it was logged (" + failure.getClass().getSimpleName() + ")", null));
    }

    private void write(HttpServerResponse response, int status, String type, Object body) {
        if (response.headWritten() || response.closed()) {
            return;
        }
        try {
            response.setStatusCode(status).putHeader("Content-Type", type).end(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            LOG.error("cannot write a response", e);
            response.setStatusCode(500).end();
        }
    }

    private static ApiException unauthorized(String detail) {
        return new ApiException(401, "Unauthorized", detail, null)
                .withHeader("WWW-Authenticate", "Bearer realm=\"stratus\"");
    }
}
