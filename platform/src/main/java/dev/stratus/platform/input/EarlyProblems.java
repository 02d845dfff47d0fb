package dev.stratus.platform.input;

import dev.stratus.platform.events.EventCodec;
import dev.stratus.platform.problem.Problem;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a request with a problem+json from a Vert.x filter, before RESTEasy (and api-service's edge routing) runs;
 * the same shape as {@code ProblemMappers} gives every other error.
 */
final class EarlyProblems {
    private EarlyProblems() {
    }

    static void answer(RoutingContext ctx, int status, String title, String detail) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(EventCodec.encodeToString(Problem.of(status, title, detail, null)));
    }

    /** The same, and the connection is closed once sent: the request's body is not read. */
    static void answerAndClose(RoutingContext ctx, int status, String title, String detail) {
        ctx.response().putHeader("Connection", "close")
                .endHandler(done -> ctx.request().connection().close());
        answer(ctx, status, title, detail);
    }
}
