package dev.stratus.contracts;

import java.time.Instant;

/** The scheduler claimed resources on {@code host}; that host's agent builds the instance. Version 1. */
public record InstancePlaced(String eventId, int version, String instanceId, String projectId, String name,
        String host, String agentUrl, FlavorSpec flavor, ImageRef image, Instant placedAt) {
    public static final int VERSION = 1;
}
