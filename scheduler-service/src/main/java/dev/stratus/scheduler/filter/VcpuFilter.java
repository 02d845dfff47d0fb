package dev.stratus.scheduler.filter;

import dev.stratus.scheduler.model.HostState;
import dev.stratus.scheduler.model.PlacementRequest;
import jakarta.inject.Singleton;

import java.util.Comparator;
import java.util.List;

/** Passes hosts with enough allocatable vCPUs left (after cpu-allocation-ratio). */
@Singleton
public class VcpuFilter implements HostFilter {

    @Override
    public boolean passes(HostState host, PlacementRequest req) {
        return host.freeVcpus() >= req.vcpus();
    }

    @Override
    public String name() {
        return "vcpu";
    }

    @Override
    public String shortfall(List<HostState> rejected, PlacementRequest req) {
        HostState best = rejected.stream().max(Comparator.comparingLong(HostState::freeVcpus)).orElseThrow();
        return "no host has " + req.vcpus() + " vCPUs free for flavor " + req.flavor() + " (most free: "
                + Math.max(0, best.freeVcpus()) + " vCPUs on " + best.name() + ")";
    }
}
