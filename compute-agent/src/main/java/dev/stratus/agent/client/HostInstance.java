package dev.stratus.agent.client;

import dev.stratus.contracts.InstancePlaced;
import dev.stratus.contracts.PowerOperation;

/**
 * One instance the control plane says should exist on this host, as {@code GET /internal/v1/hosts/{host}/instances}
 * lists it.
 *
 * @param placement       the placement it was built from, or null if api-service has none (or it was unreadable)
 * @param desiredState    RUNNING, STOPPED, PAUSED, SUSPENDED or DELETED (the agent's
 *                        {@link dev.stratus.agent.reconcile.DesiredState} names)
 * @param powerGeneration generation of the last power request (0: none)
 * @param powerOperation  that request's operation, or null
 * @param vmState         the status api-service last recorded ({@code vm_state}), or null if the route does not send
 *                        it; tells a first build (BUILDING) from an instance that ran before
 */
public record HostInstance(String instanceId, InstancePlaced placement, String desiredState, long powerGeneration,
        PowerOperation powerOperation, String vmState) {
}
