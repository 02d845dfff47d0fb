package dev.stratus.contracts;

import java.time.Instant;

/**
 * api-service asks the agent of {@code host} to change an instance's power state (see {@link PowerOperation}).
 * {@code generation} grows by one with every power request of the instance: an agent applies a request only if its
 * generation is above the last one it applied (a redelivered or overtaken request changes nothing), and reports the
 * generation it has converged to in {@link InstanceStatusChanged#generation()}. Version 1.
 */
public record InstancePowerRequested(String eventId, int version, String instanceId, String projectId, String host,
        long generation, PowerOperation operation, Instant requestedAt) implements StratusEvent {
    public static final int VERSION = 1;
}
