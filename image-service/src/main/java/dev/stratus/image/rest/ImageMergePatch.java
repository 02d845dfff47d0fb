package dev.stratus.image.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.image.model.ContainerFormat;
import dev.stratus.image.model.DiskFormat;
import dev.stratus.image.model.Visibility;
import dev.stratus.image.service.ImageChanges;
import dev.stratus.platform.problem.ApiException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a JSON merge patch (RFC 7396) of an image's metadata: the members present are set, {@code null} removes a
 * property; {@code properties} is merged key by key, {@code tags} is replaced whole. Fields the service computes
 * are read-only (400 naming the field).
 */
final class ImageMergePatch {
    static final String MEDIA_TYPE = "application/merge-patch+json";
    private static final Set<String> READ_ONLY = Set.of("id", "status", "size", "virtual_size", "checksum",
            "os_hash_algo", "os_hash_value", "created_at", "updated_at", "owner", "project_id");

    private ImageMergePatch() {
    }

    static ImageChanges parse(JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw ApiException.badRequest(null, "a JSON merge patch (an object) is required");
        }
        String name = null;
        DiskFormat disk = null;
        ContainerFormat container = null;
        Integer minDisk = null;
        Integer minRam = null;
        Visibility visibility = null;
        Boolean isProtected = null;
        List<String> tags = null;
        Map<String, String> set = new HashMap<>();
        Set<String> removed = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            String field = member.getKey();
            JsonNode value = member.getValue();
            if (READ_ONLY.contains(field)) {
                throw ApiException.badRequest(field, field + " is read-only");
            }
            switch (field) {
                case "name" -> name = CreateImageRequest.validName(text(field, value));
                case "disk_format" -> disk = DiskFormat.parse(field, text(field, value));
                case "container_format" -> container = ContainerFormat.parse(field, text(field, value));
                case "min_disk" -> minDisk = count(field, value);
                case "min_ram" -> minRam = count(field, value);
                case "visibility" -> visibility = Visibility.parse(field, text(field, value));
                case "protected" -> isProtected = bool(field, value);
                case "tags" -> tags = tags(value);
                case "properties" -> properties(value, set, removed);
                default -> throw ApiException.badRequest(field, "unknown image field " + field);
            }
        }
        CreateImageRequest.checkProperties(set);
        return new ImageChanges(name, disk, container, minDisk, minRam, visibility, isProtected, tags, set, removed);
    }

    private static void properties(JsonNode value, Map<String, String> set, Set<String> removed) {
        if (!value.isObject()) {
            throw ApiException.badRequest("properties", "properties must be an object of strings");
        }
        value.fields().forEachRemaining(p -> {
            if (p.getValue().isNull()) {
                removed.add(p.getKey());
            } else if (p.getValue().isTextual()) {
                set.put(p.getKey(), p.getValue().asText());
            } else {
                throw ApiException.badRequest("properties." + p.getKey(), "property " + p.getKey()
                        + " must be a string, or null to remove it");
            }
        });
    }

    private static List<String> tags(JsonNode value) {
        if (!value.isArray()) {
            throw ApiException.badRequest("tags", "tags must be an array of strings");
        }
        List<String> tags = new ArrayList<>();
        value.forEach(t -> tags.add(t.isTextual() ? t.asText() : null));
        return CreateImageRequest.validTags(tags);
    }

    private static String text(String field, JsonNode value) {
        if (!value.isTextual()) {
            throw ApiException.badRequest(field, field + " must be a string");
        }
        return value.asText();
    }

    private static int count(String field, JsonNode value) {
        if (!value.isInt() || value.asInt() < 0) {
            throw ApiException.badRequest(field, field + " must be an integer, zero or more");
        }
        return value.asInt();
    }

    private static boolean bool(String field, JsonNode value) {
        if (!value.isBoolean()) {
            throw ApiException.badRequest(field, field + " must be true or false");
        }
        return value.asBoolean();
    }
}
