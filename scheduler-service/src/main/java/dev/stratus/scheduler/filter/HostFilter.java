package dev.stratus.scheduler.filter;

import dev.stratus.scheduler.model.HostState;
import dev.stratus.scheduler.model.PlacementRequest;

import java.util.List;

/**
 * One reason a host can or cannot take an instance (Nova's {@code BaseHostFilter}). Implementations are CDI beans,
 * enabled and ordered by {@code stratus.scheduler.enabled-filters}, which refers to them by {@link #name()}.
 */
public interface HostFilter {

    boolean passes(HostState host, PlacementRequest req);

    /** The name used in {@code stratus.scheduler.enabled-filters}, e.g. {@code ram}. */
    String name();

    /**
     * Why no host is left, in words a user understands, when this filter rejected all remaining hosts.
     *
     * @param rejected the hosts this filter rejected (all of which passed the filters before it); never empty
     */
    default String shortfall(List<HostState> rejected, PlacementRequest req) {
        return "no compute host passes the " + name() + " check for flavor " + req.flavor();
    }
}
