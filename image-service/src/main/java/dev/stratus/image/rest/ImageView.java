package dev.stratus.image.rest;

import dev.stratus.image.model.ContainerFormat;
import dev.stratus.image.model.DiskFormat;
import dev.stratus.image.model.Image;
import dev.stratus.image.model.ImageStatus;
import dev.stratus.image.model.Visibility;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** An image as the API shows it (snake_case on the wire; size, virtual size and hashes null until active; owner is the project). */
public record ImageView(UUID id, String name, ImageStatus status, DiskFormat diskFormat,
                        ContainerFormat containerFormat, int minDisk, int minRam, Long size, Long virtualSize,
                        String osHashAlgo, String osHashValue, String checksum, Visibility visibility,
                        @JsonProperty("protected") boolean isProtected, List<String> tags, String owner,
                        Map<String, String> properties, Instant createdAt, Instant updatedAt) {

    static ImageView of(Image image) {
        return new ImageView(image.id, image.name, image.status, image.diskFormat, image.containerFormat,
                image.minDisk, image.minRam, image.size, image.virtualSize, image.osHashAlgo, image.osHashValue,
                image.checksum, image.visibility, image.isProtected, List.copyOf(image.tags), image.projectId,
                new TreeMap<>(image.properties), image.createdAt, image.updatedAt);
    }
}
