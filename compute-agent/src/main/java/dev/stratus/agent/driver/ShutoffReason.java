package dev.stratus.agent.driver;

/**
 * Why an instance's domain is shut off (or crashed), as the hypervisor recorded it. It lets the agent tell a guest
 * that powered itself off (leave it off) from a domain destroyed or crashed behind its back (start it again).
 */
public enum ShutoffReason {
    /** The domain is not shut off. */
    NONE,
    /** The guest powered itself off (or acknowledged an ACPI shutdown request). */
    GUEST_SHUTDOWN,
    /** The domain was forced off (destroyed) by someone. */
    DESTROYED,
    /** The hypervisor process died or the guest crashed. */
    CRASHED,
    /** The domain's memory was saved to the host's disk (managed save); starting it restores it. */
    SAVED,
    /** Anything else, or unknown. */
    OTHER
}
