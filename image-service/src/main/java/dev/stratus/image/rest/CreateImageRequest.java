package dev.stratus.image.rest;

import dev.stratus.image.model.ContainerFormat;
import dev.stratus.image.model.DiskFormat;
import dev.stratus.image.model.Visibility;
import dev.stratus.image.service.NewImage;
import dev.stratus.platform.input.ControlCharacters;
import dev.stratus.platform.input.OneLine;
import dev.stratus.platform.problem.ApiException;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Body of {@code POST /v1/images}, as sent; {@link #validated()} checks it field by field. */
public record CreateImageRequest(
        @Size(max = MAX_NAME) @OneLine String name,
        @Size(max = 16) @OneLine String diskFormat,
        @Size(max = 16) @OneLine String containerFormat,
        Integer minDisk, Integer minRam,
        @Size(max = 16) @OneLine String visibility,
        @JsonProperty("protected") Boolean isProtected,
        @Size(max = MAX_TAGS) List<@Size(max = MAX_TAG) @OneLine String> tags,
        @Size(max = MAX_PROPERTIES)
        Map<@Size(max = MAX_PROPERTY_KEY) @OneLine String, @Size(max = MAX_PROPERTY_VALUE) String> properties) {
    static final int MAX_NAME = 255;
    static final int MAX_PROPERTIES = 128;
    static final int MAX_PROPERTY_KEY = 255;
    static final int MAX_PROPERTY_VALUE = 65535;
    static final int MAX_TAGS = 128;
    static final int MAX_TAG = 255;

    NewImage validated() {
        validName(name);
        DiskFormat disk = DiskFormat.parse("disk_format", diskFormat);
        ContainerFormat container = ContainerFormat.parse("container_format", containerFormat);
        Visibility vis = visibility == null ? Visibility.PRIVATE : Visibility.parse("visibility", visibility);
        Map<String, String> props = properties == null ? Map.of() : properties;
        checkProperties(props);
        return new NewImage(name, disk, container, nonNegative("min_disk", minDisk), nonNegative("min_ram", minRam),
                vis, Boolean.TRUE.equals(isProtected), validTags(tags == null ? List.of() : tags), props);
    }

    static String validName(String name) {
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("name", "name is required");
        }
        if (name.length() > MAX_NAME) {
            throw ApiException.badRequest("name", "name is longer than " + MAX_NAME + " characters");
        }
        int control = ControlCharacters.inLine(name);
        if (control >= 0) {
            throw ApiException.badRequest("name", "name holds " + ControlCharacters.describe(name, control)
                    + "; a name takes no control characters");
        }
        return name;
    }

    /** The tags without duplicates, in their order; 400 when one is not a string of 1 to 255 characters. */
    static List<String> validTags(List<String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw ApiException.badRequest("tags", "at most " + MAX_TAGS + " tags are allowed");
        }
        for (String tag : tags) {
            validTag(tag);
        }
        return List.copyOf(new LinkedHashSet<>(tags));
    }

    static String validTag(String tag) {
        if (tag == null || tag.isBlank() || tag.length() > MAX_TAG) {
            throw ApiException.badRequest("tags", "a tag is a string of 1 to " + MAX_TAG + " characters");
        }
        return tag;
    }

    private static int nonNegative(String field, Integer value) {
        if (value == null) {
            return 0;
        }
        if (value < 0) {
            throw ApiException.badRequest(field, field + " must be zero or more, not " + value);
        }
        return value;
    }

    static void checkProperties(Map<String, String> props) {
        if (props.size() > MAX_PROPERTIES) {
            throw ApiException.badRequest("properties", "at most " + MAX_PROPERTIES + " properties are allowed");
        }
        props.forEach((key, value) -> {
            if (key.isBlank() || key.length() > MAX_PROPERTY_KEY) {
                throw ApiException.badRequest("properties", "property names must have 1 to " + MAX_PROPERTY_KEY
                        + " characters");
            }
            if (value == null || value.length() > MAX_PROPERTY_VALUE) {
                throw ApiException.badRequest("properties." + key, "property " + key + " must be a string of at most "
                        + MAX_PROPERTY_VALUE + " characters");
            }
        });
    }
}
