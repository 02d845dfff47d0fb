package dev.stratus.agent.reconcile;

import dev.stratus.contracts.InstancePlaced;

import java.time.Instant;

/**
 * The desired state of one instance on this host (the spec, as KubeVirt calls it; the status is what the driver
 * shows).
 *
 * @param target    the state to converge to; RUNNING may become STOPPED by the agent itself when the guest shut
 *                  itself down (it stays off until a new request)
 * @param placement the placement that asked for the instance, or null for a domain adopted at start-up
 * @param power     the last power request and the agent's progress with it
 * @param fault     why converging was given up, or null; a failed instance is left alone until a new power request
 * @param changedAt when the target last changed
 */
public record DesiredInstance(String instanceId, DesiredState target, InstancePlaced placement, PowerProgress power,
        String fault, Instant changedAt) {

    static DesiredInstance placed(InstancePlaced placement) {
        return new DesiredInstance(placement.instanceId(), DesiredState.RUNNING, placement, PowerProgress.NONE, null,
                Instant.now());
    }

    static DesiredInstance adopted(String instanceId, DesiredState target) {
        return new DesiredInstance(instanceId, target, null, PowerProgress.NONE, null, Instant.now());
    }

    /** Whether this agent has ever seen the domain running (a later shut-off is not the first boot failing). */
    public boolean seenRunning() {
        return power.seenRunning();
    }

    DesiredInstance withTarget(DesiredState newTarget) {
        return new DesiredInstance(instanceId, newTarget, placement, power, fault, Instant.now());
    }

    DesiredInstance withPlacement(InstancePlaced newPlacement) {
        return new DesiredInstance(instanceId, target, newPlacement, power, fault, changedAt);
    }

    DesiredInstance withPower(PowerProgress newPower) {
        return new DesiredInstance(instanceId, target, placement, newPower, fault, changedAt);
    }

    DesiredInstance requested(DesiredState newTarget, PowerProgress newPower) {
        return new DesiredInstance(instanceId, newTarget, placement, newPower, null, Instant.now());
    }

    DesiredInstance failed(String why) {
        return new DesiredInstance(instanceId, target, placement, power, why, changedAt);
    }
}
