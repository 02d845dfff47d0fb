package dev.stratus.contracts;

import java.time.Instant;

/**
 * The instance's host cannot take the new size of a resize ({@link InstanceResizeRequested}), or the instance has
 * no allocation: scheduler → api-service on {@link Topics#PLACEMENTS}. Nothing changed; {@code reason} says which
 * resource is short. Version 1.
 */
public record InstanceResizeRefused(String eventId, int version, String instanceId, String projectId, String host,
        String reference, String reason, Instant refusedAt) implements StratusEvent {
    public static final int VERSION = 1;
}
