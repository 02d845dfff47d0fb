package dev.stratus.contracts;

import java.time.Instant;

/** api-service asks for an instance to be placed and built. Version 1. */
public record InstanceRequested(String eventId, int version, String instanceId, String projectId, String name,
        FlavorSpec flavor, ImageRef image, Instant requestedAt) {
    public static final int VERSION = 1;
}
