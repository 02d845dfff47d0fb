package dev.stratus.contracts;

import java.time.Instant;

/** No host could take the instance; {@code reason} says why in words a user understands. Version 1. */
public record InstancePlacementFailed(String eventId, int version, String instanceId, String reason, Instant at) implements StratusEvent {
    public static final int VERSION = 1;
}
