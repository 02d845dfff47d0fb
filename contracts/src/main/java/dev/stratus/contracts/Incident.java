package dev.stratus.contracts;

/**
 * Something an agent saw or did by itself, reported with a status ({@link InstanceStatusChanged#incident()}), so
 * api-service can record it in the instance's action history and decide what it means.
 */
public enum Incident {
    /** The guest powered itself off while it should run; the agent leaves it stopped. */
    GUEST_SHUTDOWN,
    /** The domain was destroyed outside Stratus while it should run; the agent started it again. */
    RESTARTED_AFTER_DESTROY,
    /** The guest crashed while it should run; the agent started it again. */
    RESTARTED_AFTER_CRASH,
    /** The domain was gone from the hypervisor while it should exist; the agent built it again. */
    REBUILT_MISSING_DOMAIN
}
