package dev.stratus.contracts;

import java.time.Instant;

/**
 * The user asked for an image of the instance's disk: the agent of {@code host} flattens the disk
 * ({@code qemu-img convert}) and uploads it as the data of image {@code imageId}, which api-service created
 * (queued) in image-service. Version 1.
 */
public record InstanceSnapshotRequested(String eventId, int version, String instanceId, String projectId,
        String host, String imageId, Instant requestedAt) implements StratusEvent {
    public static final int VERSION = 1;
}
