package dev.stratus.contracts;

import java.time.Instant;

/**
 * The scheduler holds the resources for a resize ({@link InstanceResizeRequested}): scheduler → the agent of
 * {@code host} and api-service, on {@link Topics#PLACEMENTS}. The agent shuts the domain down, keeps a copy of the
 * root disk (for a revert), grows the disk to {@code to}'s size (never shrinks it), defines the domain with
 * {@code to}'s vCPUs, RAM and cgroup limits, starts it again if it ran, and reports
 * {@link InstanceTaskFinished} with task {@code resize} and this {@code reference}. Version 1.
 */
public record InstanceResizeClaimed(String eventId, int version, String instanceId, String projectId, String host,
        FlavorSpec from, FlavorSpec to, String reference, Instant claimedAt) implements StratusEvent {
    public static final int VERSION = 1;
}
