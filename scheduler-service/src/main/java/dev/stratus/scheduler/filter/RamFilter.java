package dev.stratus.scheduler.filter;

import dev.stratus.scheduler.model.HostState;
import dev.stratus.scheduler.model.PlacementRequest;
import jakarta.inject.Singleton;

import java.util.Comparator;
import java.util.List;

/** Passes hosts with enough allocatable RAM left (after ram-allocation-ratio and reserved-host-ram-mb). */
@Singleton
public class RamFilter implements HostFilter {

    @Override
    public boolean passes(HostState host, PlacementRequest req) {
        return host.freeRamMb() >= req.ramMb();
    }

    @Override
    public String name() {
        return "ram";
    }

    @Override
    public String shortfall(List<HostState> rejected, PlacementRequest req) {
        HostState best = rejected.stream().max(Comparator.comparingLong(HostState::freeRamMb)).orElseThrow();
        return "no host has " + req.ramMb() + " MiB RAM free for flavor " + req.flavor() + " (largest free: "
                + Math.max(0, best.freeRamMb()) + " MiB on " + best.name() + ")";
    }
}
