package dev.stratus.contracts;

import java.time.Instant;

/**
 * The user asked to resize an instance from flavor {@code from} to flavor {@code to} on its host {@code host}.
 * api-service → scheduler on {@link Topics#INSTANCE_REQUESTS}: the scheduler claims the larger of the two sizes on
 * the host (each of vCPUs, RAM, disk) before anything changes, then answers {@link InstanceResizeClaimed} or
 * {@link InstanceResizeRefused}. {@code reference} names this resize in every later event (the id of its entry in
 * the action history); a redelivered request with the same reference claims nothing more. Version 1.
 */
public record InstanceResizeRequested(String eventId, int version, String instanceId, String projectId, String host,
        FlavorSpec from, FlavorSpec to, String reference, Instant requestedAt) implements StratusEvent {
    public static final int VERSION = 1;
}
