package dev.stratus.scheduler.rest;

import dev.stratus.scheduler.model.HostState;

import java.time.Instant;

/**
 * One host as operators see it: raw totals, usage, the free capacity left after the allocation ratios, and
 * whether it is a placement candidate ({@code alive}).
 */
public record HostView(String name, String agentUrl, int vcpus, long ramMb, long diskGb, int usedVcpus,
        long usedRamMb, long usedDiskGb, long freeVcpus, long freeRamMb, long freeDiskGb, long generation,
        Instant lastSeen, boolean alive) {

    public static HostView of(HostState h, boolean alive) {
        return new HostView(h.name(), h.agentUrl(), h.vcpus(), h.ramMb(), h.diskGb(), h.usedVcpus(), h.usedRamMb(),
                h.usedDiskGb(), h.freeVcpus(), h.freeRamMb(), h.freeDiskGb(), h.generation(), h.lastSeen(), alive);
    }
}
