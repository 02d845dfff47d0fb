package dev.stratus.scheduler.filter;

import dev.stratus.scheduler.model.HostState;
import dev.stratus.scheduler.model.PlacementRequest;
import jakarta.inject.Singleton;

import java.util.Comparator;
import java.util.List;

/** Passes hosts with enough allocatable disk left (after disk-allocation-ratio). */
@Singleton
public class DiskFilter implements HostFilter {

    @Override
    public boolean passes(HostState host, PlacementRequest req) {
        return host.freeDiskGb() >= req.diskGb();
    }

    @Override
    public String name() {
        return "disk";
    }

    @Override
    public String shortfall(List<HostState> rejected, PlacementRequest req) {
        HostState best = rejected.stream().max(Comparator.comparingLong(HostState::freeDiskGb)).orElseThrow();
        return "no host has " + req.diskGb() + " GiB disk free for flavor " + req.flavor() + " (largest free: "
                + Math.max(0, best.freeDiskGb()) + " GiB on " + best.name() + ")";
    }
}
