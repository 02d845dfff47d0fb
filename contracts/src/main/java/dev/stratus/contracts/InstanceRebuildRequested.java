package dev.stratus.contracts;

import java.time.Instant;

/**
 * The user asked for a new root disk: api-service → the agent of {@code host} on {@link Topics#INSTANCE_ACTIONS}.
 * The agent shuts the domain down, replaces the root disk by a fresh one from {@code image} (of {@code flavor}'s
 * size), keeps everything else (id, name, NICs and their MACs, hence ports and addresses), starts the domain again
 * if it is meant to run, and reports {@link InstanceTaskFinished} with task {@code rebuild} and this
 * {@code reference}. A redelivered request with a reference already done changes nothing. Version 1.
 */
public record InstanceRebuildRequested(String eventId, int version, String instanceId, String projectId, String host,
        ImageRef image, FlavorSpec flavor, String reference, Instant requestedAt) implements StratusEvent {
    public static final int VERSION = 1;
}
