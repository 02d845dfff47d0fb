package dev.stratus.contracts;

import java.time.Instant;

/**
 * A resize is over: confirmed (the new flavor stays) or reverted (the old one comes back). {@code flavor} is the one
 * that stays, {@code other} the one given up. api-service publishes it
 * <ul>
 * <li>on {@link Topics#INSTANCE_ACTIONS} for the agent of {@code host}: on {@code CONFIRMED} it deletes the copy of
 * the old disk; on {@code REVERTED} it shuts the domain down, puts the old disk back, defines the domain with
 * {@code flavor} again, starts it if it ran, and reports {@link InstanceTaskFinished} with task
 * {@code revert-resize} and this {@code reference};</li>
 * <li>on {@link Topics#INSTANCE_LIFECYCLE} once the outcome is final, for the scheduler: the instance's allocation
 * becomes {@code flavor}'s size.</li>
 * </ul>
 * Version 1.
 */
public record InstanceResizeSettled(String eventId, int version, String instanceId, String projectId, String host,
        Outcome outcome, FlavorSpec flavor, FlavorSpec other, String reference, Instant settledAt)
        implements StratusEvent {
    public static final int VERSION = 1;

    public enum Outcome { CONFIRMED, REVERTED }
}
