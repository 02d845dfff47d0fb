package dev.stratus.scheduler.model;

/** How much of a host's raw capacity may be allocated: overcommit ratios and RAM kept for the host itself. */
public record AllocationRatios(double cpu, double ram, double disk, long reservedRamMb) {
    public static final AllocationRatios NONE = new AllocationRatios(1.0, 1.0, 1.0, 0);
}
