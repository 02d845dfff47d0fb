package dev.stratus.api.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.platform.problem.ApiException;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The members of a {@code PATCH /v1/servers/{id}} (JSON merge patch, RFC 7396): a member left out keeps its value,
 * {@code "expires_at": null} clears the server's expiry, {@code "description": null} its description, a metadata key
 * set to null is removed, {@code tags} replaces the set. Types are strict: a number is not a name.
 */
public record ServerPatch(String name, boolean changesExpiry, boolean clearsExpiry, Long ttlSeconds,
        OffsetDateTime expiresAt, boolean changesDescription, String description, Map<String, String> metadata,
        List<String> tags) {
    private static final Set<String> MEMBERS = Set.of("name", "expires_at", "ttl_seconds", "description", "metadata",
            "tags");

    public static ServerPatch parse(JsonNode body) {
        if (!(body instanceof ObjectNode object) || object.isEmpty()) {
            throw ApiException.badRequest(null, "a JSON object with some of " + MEMBERS + " is required");
        }
        object.fieldNames().forEachRemaining(field -> {
            if (!MEMBERS.contains(field)) {
                throw ApiException.badRequest(field, "'" + field + "' cannot be changed; a server's patch takes "
                        + MEMBERS + " (expires_at: null clears it)");
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
        JsonNode description = object.get("description");
        if (description != null && !description.isNull() && !description.isTextual()) {
            throw ApiException.badRequest("description", "description is a string or null");
        }
        return new ServerPatch(name, expires != null || ttl != null, clears && ttl == null, ttl, expiresAt,
                description != null, description == null || description.isNull() ? null : description.asText(),
                metadata(object.get("metadata")), tags(object.get("tags")));
    }

    /** A merge patch of the metadata: a string sets the key, null removes it. */
    private static Map<String, String> metadata(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            throw ApiException.badRequest("metadata", "metadata is an object of strings (null removes a key)");
        }
        Map<String, String> changes = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            if (!e.getValue().isNull() && !e.getValue().isTextual()) {
                throw ApiException.badRequest("metadata", "metadata '" + e.getKey() + "' is a string, or null to"
                        + " remove it");
            }
            changes.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText());
        });
        return changes;
    }

    /** The new set of tags (replaces the old one). */
    private static List<String> tags(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            throw ApiException.badRequest("tags", "tags is an array of strings (it replaces the server's tags)");
        }
        List<String> tags = new ArrayList<>();
        for (JsonNode tag : node) {
            if (!tag.isTextual()) {
                throw ApiException.badRequest("tags", "a tag is a string");
            }
            tags.add(tag.asText());
        }
        return tags;
    }
}
