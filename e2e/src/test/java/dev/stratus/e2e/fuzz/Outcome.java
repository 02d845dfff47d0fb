package dev.stratus.e2e.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Optional;

/**
 * The verdict on one answer: a 5xx, a 4xx that is not the platform's problem document (RFC 9457
 * {@code application/problem+json} with {@code type}, {@code title} and {@code status} equal to the answer's, and
 * {@code detail}/{@code field} strings where given), or no answer at all are failures; a 2xx is recorded as
 * accepted.
 */
final class Outcome {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What went wrong, as the report groups it. */
    enum Kind {
        SERVER_ERROR("5xx answers"), NOT_PROBLEM("4xx answers that are not problem+json"),
        LEFT_BEHIND("objects created or changed by requests answered 4xx"), NO_ANSWER("no HTTP answer");

        final String title;

        Kind(String title) {
            this.title = title;
        }
    }

    private Outcome() {
    }

    /** The failure of this answer, if it is one (a 2xx or a proper problem is none). */
    static Optional<Kind> judge(RawHttp.Response response) {
        if (response.status() >= 500) {
            return Optional.of(Kind.SERVER_ERROR);
        }
        if (response.status() >= 400 && problemDefect(response) != null) {
            return Optional.of(Kind.NOT_PROBLEM);
        }
        return Optional.empty();
    }

    /** Why a 4xx is not a proper problem document; null if it is one. */
    static String problemDefect(RawHttp.Response response) {
        if (!response.contentType().toLowerCase().startsWith("application/problem+json")) {
            return "Content-Type '" + response.contentType() + "'" + (response.body().length == 0 ? ", no body" : "");
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            return "body is not JSON";
        }
        if (problem == null || !problem.isObject()) {
            return "body is not a JSON object";
        }
        if (!problem.path("type").isTextual()) {
            return "no type";
        }
        if (!problem.path("title").isTextual() || problem.path("title").asText().isBlank()) {
            return "no title";
        }
        if (problem.path("status").asInt(-1) != response.status()) {
            return "status " + problem.path("status") + " differs from the answer's " + response.status();
        }
        for (String optional : new String[]{"detail", "field"}) {
            if (problem.has(optional) && !problem.path(optional).isTextual()) {
                return optional + " is not a string";
            }
        }
        return null;
    }
}
