package dev.stratus.image.rest;

import dev.stratus.platform.problem.ApiException;

import java.util.UUID;

/** Image ids in paths: anything that is not a UUID names no image (404, as an unknown id would). */
final class ImageIds {
    private ImageIds() {
    }

    static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("image", id);
        }
    }
}
