package dev.stratus.image.service;

import dev.stratus.image.model.ContainerFormat;
import dev.stratus.image.model.DiskFormat;
import dev.stratus.image.model.Visibility;

import java.util.List;
import java.util.Map;

/** A validated request to register an image (no data yet). */
public record NewImage(String name, DiskFormat diskFormat, ContainerFormat containerFormat, int minDisk, int minRam,
                       Visibility visibility, boolean isProtected, List<String> tags,
                       Map<String, String> properties) {
    /** Properties that name other images (direct kernel boot); each must name an existing image. */
    public static final String[] IMAGE_REFERENCES = {"kernel_id", "ramdisk_id"};
}
