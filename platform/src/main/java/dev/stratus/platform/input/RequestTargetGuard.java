package dev.stratus.platform.input;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses a request whose path or query holds a control character (percent-encoded or not) with a 400 problem, as a
 * Vert.x filter: before authentication, RESTEasy, any database, and before api-service's edge routing forwards
 * {@code /v1/images*} or {@code /v1/networks*} to another service.
 */
@ApplicationScoped
public class RequestTargetGuard {
    /** Runs first but for {@link RequestSizeLimits}: before authentication, the edge routes (order -100), RESTEasy. */
    static final int PRIORITY = 2_000;

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    void check(RoutingContext ctx) {
        String found = RequestTarget.findControlCharacter(ctx.request().uri());
        if (found != null) {
            EarlyProblems.answer(ctx, 400, "Bad Request", found + "; paths and query values take no control"
                    + " characters (U+0000-U+001F, U+007F-U+009F)");
            return;
        }
        ctx.next();
    }
}
