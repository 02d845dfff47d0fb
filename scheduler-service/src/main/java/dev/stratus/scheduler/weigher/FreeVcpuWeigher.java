package dev.stratus.scheduler.weigher;

import dev.stratus.scheduler.config.SchedulerConfig;
import dev.stratus.scheduler.model.HostState;
import dev.stratus.scheduler.model.PlacementRequest;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;

/** Prefers hosts with more allocatable vCPUs left; multiplier {@code stratus.scheduler.cpu-weight-multiplier}. */
@Singleton
public class FreeVcpuWeigher implements HostWeigher {
    private final double multiplier;

    @Inject
    public FreeVcpuWeigher(SchedulerConfig config) {
        this(config.cpuWeightMultiplier());
    }

    public FreeVcpuWeigher(double multiplier) {
        this.multiplier = multiplier;
    }

    @Override
    public double weigh(HostState host, PlacementRequest req) {
        return host.freeVcpus();
    }

    @Override
    public double multiplier() {
        return multiplier;
    }

    @Override
    public String name() {
        return "free-vcpu";
    }
}
