package dev.stratus.platform.input;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses, with a 400 problem, a request whose target is not a URI (a malformed percent-escape such as {@code %ZZ} or a
 * lone {@code %}, a space) or whose path or query holds a control character (percent-encoded or not), as a Vert.x
 * filter: before authentication, RESTEasy, any database, and before api-service's edge routing forwards
 * {@code /v1/images*} or {@code /v1/networks*} to another service.
 *
 * <p>Quarkus makes the first check itself, before any filter, but answers it with a bare 400 (no body, no content
 * type). Every service therefore runs with {@code -Dvertx.disableURIValidation=true} (the launcher, the tests'
 * JVM), which turns that check off so this one, the same {@link URI} parse, answers it as a problem.
 */
@ApplicationScoped
public class RequestTargetGuard {
    /** Runs first but for {@link RequestSizeLimits}: before authentication, the edge routes (order -100), RESTEasy. */
    static final int PRIORITY = 2_000;

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    void check(RoutingContext ctx) {
        String uri = ctx.request().uri();
        String malformed = RequestTarget.findMalformed(uri);
        if (malformed != null) {
            EarlyProblems.answer(ctx, 400, "Bad Request", malformed);
            return;
        }
        String found = RequestTarget.findControlCharacter(uri);
        if (found != null) {
            EarlyProblems.answer(ctx, 400, "Bad Request", found + "; paths and query values take no control"
                    + " characters (U+0000-U+001F, U+007F-U+009F)");
            return;
        }
        ctx.next();
    }
}
