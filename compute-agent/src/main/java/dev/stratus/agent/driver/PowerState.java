package dev.stratus.agent.driver;

/** The power state of an instance as the hypervisor reports it (the closed set libvirt knows). */
public enum PowerState {
    /** Running (or blocked on a resource, which is still running). */
    RUNNING,
    /** Paused by the hypervisor or suspended to memory by the guest. */
    PAUSED,
    /** Being shut down. */
    SHUTDOWN,
    /** Defined but not running. */
    SHUTOFF,
    /** The guest crashed. */
    CRASHED,
    /** The hypervisor reports no state. */
    NOSTATE
}
