package dev.stratus.cli.api;

import java.net.http.HttpRequest;

/**
 * The generated client asks for {@code Accept: application/problem+json} alone on the operations whose success has
 * no body (the 204 deletes of key pairs, images, floating IPs...), and the services answer those with 406 Not
 * Acceptable (their methods produce application/json). Seen by CliE2ETest on 2026-11-30; until the contract or the
 * services change, such a request also accepts application/json.
 */
final class AcceptHeader {
    private static final String PROBLEM_ONLY = "application/problem+json";

    private AcceptHeader() {
    }

    static void widen(HttpRequest.Builder request) {
        String accept = request.copy().build().headers().firstValue("Accept").orElse("");
        if (accept.equals(PROBLEM_ONLY)) {
            request.setHeader("Accept", "application/json, " + PROBLEM_ONLY);
        }
    }
}
