package dev.stratus.scheduler;

import dev.stratus.scheduler.model.AllocationRatios;
import dev.stratus.scheduler.model.Host;
import dev.stratus.scheduler.model.HostState;
import dev.stratus.scheduler.model.PlacementRequest;

import java.time.Instant;

/** Builders of host snapshots and requests for unit tests. */
public final class HostStates {
    public static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

    private HostStates() {
    }

    public static HostState host(String name, int vcpus, long ramMb, long diskGb, int usedVcpus, long usedRamMb,
            long usedDiskGb, AllocationRatios ratios) {
        Host h = new Host();
        h.name = name;
        h.agentUrl = "http://" + name + ":8082";
        h.vcpus = vcpus;
        h.ramMb = ramMb;
        h.diskGb = diskGb;
        h.usedVcpus = usedVcpus;
        h.usedRamMb = usedRamMb;
        h.usedDiskGb = usedDiskGb;
        h.lastSeen = NOW;
        return HostState.of(h, ratios);
    }

    public static HostState free(String name, int vcpus, long ramMb, long diskGb) {
        return host(name, vcpus, ramMb, diskGb, 0, 0, 0, AllocationRatios.NONE);
    }

    public static PlacementRequest request(String flavor, int vcpus, long ramMb, long diskGb) {
        return new PlacementRequest("i-1", flavor, vcpus, ramMb, diskGb);
    }
}
