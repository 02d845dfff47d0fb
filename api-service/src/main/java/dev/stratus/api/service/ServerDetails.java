package dev.stratus.api.service;

import dev.stratus.platform.problem.ApiException;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The bounds of what a user keeps on a server: a description, metadata (string pairs) and tags. Each check is a 400
 * that names the field and the bound.
 */
public final class ServerDetails {
    public static final int MAX_DESCRIPTION = 255;
    public static final int MAX_METADATA = 128;
    public static final int MAX_METADATA_KEY = 255;
    public static final int MAX_METADATA_VALUE = 255;
    public static final int MAX_TAGS = 50;
    public static final int MAX_TAG = 60;
    /** A tag: no comma (lists of tags in filters are comma-separated), no slash, no control character. */
    private static final Pattern TAG = Pattern.compile("[^,/\\p{Cntrl}]{1,60}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private ServerDetails() {
    }

    public static String description(String description) {
        if (description != null && (description.length() > MAX_DESCRIPTION || CONTROL.matcher(description).find())) {
            throw ApiException.badRequest("description", "description is at most " + MAX_DESCRIPTION
                    + " characters, without control characters");
        }
        return description;
    }

    public static Map<String, String> metadata(Map<String, String> metadata) {
        if (metadata.size() > MAX_METADATA) {
            throw ApiException.badRequest("metadata", "at most " + MAX_METADATA + " metadata pairs");
        }
        metadata.forEach((key, value) -> {
            if (key.isEmpty() || key.length() > MAX_METADATA_KEY || CONTROL.matcher(key).find()) {
                throw ApiException.badRequest("metadata", "a metadata key is 1 to " + MAX_METADATA_KEY
                        + " characters without control characters");
            }
            if (value == null || value.length() > MAX_METADATA_VALUE || CONTROL.matcher(value).find()) {
                throw ApiException.badRequest("metadata", "metadata '" + key + "' is a string of at most "
                        + MAX_METADATA_VALUE + " characters without control characters");
            }
        });
        return metadata;
    }

    public static List<String> tags(List<String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw ApiException.badRequest("tags", "at most " + MAX_TAGS + " tags");
        }
        for (String tag : tags) {
            if (tag == null || !TAG.matcher(tag).matches()) {
                throw ApiException.badRequest("tags", "a tag is 1 to 60 characters, without ',' or '/'");
            }
        }
        return tags;
    }
}
