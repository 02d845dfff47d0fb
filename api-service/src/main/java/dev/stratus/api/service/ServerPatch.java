package dev.stratus.api.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.platform.problem.ApiException;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * The members of a {@code PATCH /v1/servers/{id}} (JSON merge patch, RFC 7396): a member left out keeps its value,
 * {@code "expires_at": null} clears the server's expiry. Types are strict: a number is not a name.
 */
public record ServerPatch(String name, boolean changesExpiry, boolean clearsExpiry, Long ttlSeconds,
        OffsetDateTime expiresAt) {
    private static final Set<String> MEMBERS = Set.of("name", "expires_at", "ttl_seconds");

    public static ServerPatch parse(JsonNode body) {
        if (!(body instanceof ObjectNode object) || object.isEmpty()) {
            throw ApiException.badRequest(null, "a JSON object with name, expires_at or ttl_seconds is required");
        }
        object.fieldNames().forEachRemaining(field -> {
            if (!MEMBERS.contains(field)) {
                throw ApiException.badRequest(field, "'" + field + "' cannot be changed; a server's patch takes "
                        + "name, expires_at (null clears it) or ttl_seconds");
            }
        });
        String name = null;
        if (object.has("name")) {
            if (!object.get("name").isTextual()) {
                throw ApiException.badRequest("name", "name is a string");
            }
            name = object.get("name").asText();
        }
        Long ttl = null;
        if (object.has("ttl_seconds")) {
            if (!object.get("ttl_seconds").canConvertToLong() || !object.get("ttl_seconds").isIntegralNumber()) {
                throw ApiException.badRequest("ttl_seconds", "ttl_seconds is a whole number of seconds");
            }
            ttl = object.get("ttl_seconds").asLong();
        }
        JsonNode expires = object.get("expires_at");
        OffsetDateTime expiresAt = null;
        if (expires != null && !expires.isNull()) {
            if (!expires.isTextual()) {
                throw ApiException.badRequest("expires_at", "expires_at is an RFC 3339 time or null");
            }
            try {
                expiresAt = OffsetDateTime.parse(expires.asText());
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("expires_at", "expires_at is an RFC 3339 time, e.g."
                        + " 2026-12-01T12:00:00Z, or null");
            }
        }
        boolean clears = expires != null && expires.isNull();
        return new ServerPatch(name, expires != null || ttl != null, clears && ttl == null, ttl, expiresAt);
    }
}
