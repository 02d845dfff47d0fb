package dev.stratus.contracts;

import java.time.Instant;

/** api-service asks for an instance to be removed, wherever it is in its life. Version 1. */
public record InstanceDeleteRequested(String eventId, int version, String instanceId, String projectId,
        Instant requestedAt) implements StratusEvent {
    public static final int VERSION = 1;
}
