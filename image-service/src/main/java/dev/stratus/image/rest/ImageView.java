package dev.stratus.image.rest;

import dev.stratus.image.model.ContainerFormat;
import dev.stratus.image.model.DiskFormat;
import dev.stratus.image.model.Image;
import dev.stratus.image.model.ImageStatus;
import dev.stratus.image.model.Visibility;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** An image as the API shows it (snake_case on the wire; size and hashes null until active). */
public record ImageView(UUID id, String name, ImageStatus status, DiskFormat diskFormat,
                        ContainerFormat containerFormat, int minDisk, int minRam, Long size, String osHashAlgo,
                        String osHashValue, String checksum, Visibility visibility, Map<String, String> properties,
                        Instant createdAt, Instant updatedAt) {

    static ImageView of(Image image) {
        return new ImageView(image.id, image.name, image.status, image.diskFormat, image.containerFormat,
                image.minDisk, image.minRam, image.size, image.osHashAlgo, image.osHashValue, image.checksum,
                image.visibility, new TreeMap<>(image.properties), image.createdAt, image.updatedAt);
    }
}
