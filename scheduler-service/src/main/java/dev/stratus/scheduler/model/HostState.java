package dev.stratus.scheduler.model;

import java.time.Instant;

/**
 * An immutable snapshot of one host, as filters and weighers see it: raw totals, usage, and the limits after
 * the allocation ratios. {@code generation} is the value a claim must still find to succeed.
 */
public record HostState(String name, String agentUrl, int vcpus, long ramMb, long diskGb, int usedVcpus,
        long usedRamMb, long usedDiskGb, long generation, Instant lastSeen, long vcpuLimit, long ramLimitMb,
        long diskLimitGb) {

    public static HostState of(Host h, AllocationRatios ratios) {
        long vcpuLimit = (long) Math.floor(h.vcpus * ratios.cpu());
        long ramLimit = (long) Math.floor(h.ramMb * ratios.ram()) - ratios.reservedRamMb();
        long diskLimit = (long) Math.floor(h.diskGb * ratios.disk());
        return new HostState(h.name, h.agentUrl, h.vcpus, h.ramMb, h.diskGb, h.usedVcpus, h.usedRamMb,
                h.usedDiskGb, h.generation, h.lastSeen, vcpuLimit, ramLimit, diskLimit);
    }

    /** vCPUs still allocatable; negative when a lowered ratio left the host overcommitted. */
    public long freeVcpus() {
        return vcpuLimit - usedVcpus;
    }

    public long freeRamMb() {
        return ramLimitMb - usedRamMb;
    }

    public long freeDiskGb() {
        return diskLimitGb - usedDiskGb;
    }
}
