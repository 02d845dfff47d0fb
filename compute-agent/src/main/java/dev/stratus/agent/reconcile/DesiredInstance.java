package dev.stratus.agent.reconcile;

import dev.stratus.contracts.InstancePlaced;

import java.time.Instant;

/**
 * The desired state of one instance on this host (the spec, as KubeVirt calls it; the status is what the driver
 * shows).
 *
 * @param placement   the placement that asked for the instance, or null for a domain adopted at start-up
 * @param seenRunning whether this agent has seen the domain running (a later shut-off is then the guest's own)
 * @param fault       why building it was given up, or null; a failed instance is not rebuilt
 * @param changedAt   when the target last changed
 */
public record DesiredInstance(String instanceId, DesiredState target, InstancePlaced placement, boolean seenRunning,
        String fault, Instant changedAt) {

    static DesiredInstance placed(InstancePlaced placement) {
        return new DesiredInstance(placement.instanceId(), DesiredState.RUNNING, placement, false, null,
                Instant.now());
    }

    static DesiredInstance adopted(String instanceId, DesiredState target) {
        return new DesiredInstance(instanceId, target, null, false, null, Instant.now());
    }

    DesiredInstance withTarget(DesiredState newTarget) {
        return new DesiredInstance(instanceId, newTarget, placement, seenRunning, fault, Instant.now());
    }

    DesiredInstance withPlacement(InstancePlaced newPlacement) {
        return new DesiredInstance(instanceId, target, newPlacement, seenRunning, fault, changedAt);
    }

    DesiredInstance running() {
        return new DesiredInstance(instanceId, target, placement, true, fault, changedAt);
    }

    DesiredInstance failed(String why) {
        return new DesiredInstance(instanceId, target, placement, seenRunning, why, changedAt);
    }
}
