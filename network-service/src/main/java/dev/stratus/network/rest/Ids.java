package dev.stratus.network.rest;

import dev.stratus.platform.problem.ApiException;

import java.util.UUID;

/** Path ids: anything that is not a UUID names nothing, so it is a 404 as an unknown id would be. */
final class Ids {
    private Ids() {
    }

    static UUID parse(String what, String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound(what, id);
        }
    }

    static void requireBody(Object body) {
        if (body == null) {
            throw ApiException.badRequest(null, "a JSON body is required");
        }
    }
}
