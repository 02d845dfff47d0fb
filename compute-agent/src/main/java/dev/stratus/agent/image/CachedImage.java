package dev.stratus.agent.image;

import java.nio.file.Path;

/**
 * A verified image in the local cache.
 *
 * @param file       {@code <state-dir>/images/<sha256>}
 * @param diskFormat image-service's {@code disk_format}, e.g. qcow2, raw, aki, ari
 */
public record CachedImage(String imageId, String sha256, String diskFormat, Path file) {
}
