package dev.stratus.scheduler.weigher;

import dev.stratus.scheduler.model.HostState;
import dev.stratus.scheduler.model.PlacementRequest;

/**
 * Ranks the hosts that passed every filter (Nova's {@code BaseHostWeigher}). The raw weights of one weigher are
 * normalised to 0..1 across the candidates, multiplied by {@link #multiplier()}, and summed over all weighers;
 * the highest total wins. Implementations are CDI beans; a multiplier of 0 switches a weigher off.
 */
public interface HostWeigher {

    /** The raw weight: more is better before the multiplier. */
    double weigh(HostState host, PlacementRequest req);

    /** From configuration; negative values invert the preference (stack instead of spread). */
    double multiplier();

    String name();
}
