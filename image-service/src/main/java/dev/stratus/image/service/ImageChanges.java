package dev.stratus.image.service;

import dev.stratus.image.model.ContainerFormat;
import dev.stratus.image.model.DiskFormat;
import dev.stratus.image.model.Visibility;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated metadata change ({@code PATCH /v1/images/{id}}); a null field is left as it is.
 *
 * @param setProperties     properties to add or overwrite
 * @param removedProperties properties to remove
 */
public record ImageChanges(String name, DiskFormat diskFormat, ContainerFormat containerFormat, Integer minDisk,
                           Integer minRam, Visibility visibility, Boolean isProtected, List<String> tags,
                           Map<String, String> setProperties, Set<String> removedProperties) {
}
