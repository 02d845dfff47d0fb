package dev.stratus.scheduler.model;

import dev.stratus.contracts.FlavorSpec;
import dev.stratus.contracts.InstanceRequested;

/** What one instance asks of a host, as filters and weighers see it. {@code flavor} is the name users know. */
public record PlacementRequest(String instanceId, String flavor, int vcpus, long ramMb, long diskGb) {

    public static PlacementRequest of(InstanceRequested request) {
        FlavorSpec f = request.flavor();
        String flavorName = f.name() != null ? f.name() : f.id();
        return new PlacementRequest(request.instanceId(), flavorName, f.vcpus(), f.ramMb(), f.diskGb());
    }
}
