package dev.stratus.agent.metadata;

import dev.stratus.contracts.GuestIdentity;
import dev.stratus.contracts.InstancePlaced;
import dev.stratus.contracts.PortBinding;

/**
 * The guest a metadata request came from, as the agent knows it: the instance's current placement (its flavor and
 * image follow resizes and rebuilds) and the port the request came in on.
 */
record GuestCaller(InstancePlaced placement, PortBinding port) {

    String instanceId() {
        return placement.instanceId();
    }

    GuestIdentity identity() {
        return placement.identityOrLegacy();
    }
}
