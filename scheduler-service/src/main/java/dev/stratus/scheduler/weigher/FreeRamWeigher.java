package dev.stratus.scheduler.weigher;

import dev.stratus.scheduler.config.SchedulerConfig;
import dev.stratus.scheduler.model.HostState;
import dev.stratus.scheduler.model.PlacementRequest;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;

/** Prefers hosts with more allocatable RAM left; multiplier {@code stratus.scheduler.ram-weight-multiplier}. */
@Singleton
public class FreeRamWeigher implements HostWeigher {
    private final double multiplier;

    @Inject
    public FreeRamWeigher(SchedulerConfig config) {
        this(config.ramWeightMultiplier());
    }

    public FreeRamWeigher(double multiplier) {
        this.multiplier = multiplier;
    }

    @Override
    public double weigh(HostState host, PlacementRequest req) {
        return host.freeRamMb();
    }

    @Override
    public double multiplier() {
        return multiplier;
    }

    @Override
    public String name() {
        return "free-ram";
    }
}
