package dev.stratus.agent.driver;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The hypervisor contract of the compute agent: everything the agent asks of the hypervisor of its
 * host. Instances are addressed by their Stratus instance id (a UUID string); hypervisor-specific
 * ids and types never leave an implementation. Every operation is synchronous, returns as soon as the
 * hypervisor accepted it (none waits for a guest), is idempotent where stated, and every failure is a
 * {@link DriverException}. Waiting for a guest (a graceful shutdown's grace period) is the caller's business.
 */
public interface ComputeDriver {

    /** Describes this host: name, vCPUs, RAM, instance disk capacity and the virtualization type. */
    HostCapabilities capabilities();

    /**
     * Defines the instance and starts it. Idempotent: if the instance already runs, nothing
     * happens; if it is defined but not running (e.g. after a failed start), it is redefined from
     * {@code spec} and started. Files named in the spec must exist when this is called.
     */
    void spawn(InstanceSpec spec);

    /**
     * Replaces the definition of a defined instance that is shut off by {@code spec}: its vCPUs, RAM, cgroup limits,
     * root disk and boot files become the spec's (a resize, a rebuild); it stays shut off, and the next
     * {@link #powerOn} starts it so (the memory hard limit is applied then). Idempotent. Error if it is not defined,
     * if it runs or is paused, or if it has saved memory (which belongs to the old definition: discard it first).
     */
    void redefine(InstanceSpec spec);

    /** Stops the instance (hard) and removes its definition and any saved memory. No error if it does not exist. */
    void destroy(String instanceId);

    /**
     * Starts a defined, stopped instance; a suspended one resumes from its saved memory. No-op if it already runs;
     * error if it is not defined.
     */
    void powerOn(String instanceId);

    /**
     * Asks the guest to shut down (ACPI power button) and returns at once; the guest may take its time or ignore
     * it. No-op if it is not running; error if it is not defined.
     */
    void shutdown(String instanceId);

    /** Forces the instance off at once, keeping its definition. No-op if it is not running; error if not defined. */
    void powerOff(String instanceId);

    /**
     * Asks the guest to reboot (ACPI) and returns at once; a completed reboot shows as a growth of
     * {@link InstanceInfo#resets()}. Error if it is not running or not defined.
     */
    void softReboot(String instanceId);

    /** Resets a running instance without the guest's help; starts it if it is stopped. Error if not defined. */
    void reboot(String instanceId);

    /** Stops the vCPUs of a running instance, keeping its memory. No-op if already paused; error if not running. */
    void pause(String instanceId);

    /** Lets a paused instance run again. No-op if it is not paused; error if it is not defined. */
    void unpause(String instanceId);

    /**
     * Saves the memory of a running or paused instance to the host's disk and stops it (it survives an agent or
     * host restart; {@link #powerOn} restores it). Takes as long as writing the memory takes. No-op if it is
     * already saved; error if it is shut off without a saved image or not defined.
     */
    void suspend(String instanceId);

    /** Throws away the saved memory of a suspended instance, so that it boots afresh. No-op if it has none. */
    void discardSavedMemory(String instanceId);

    /** What the hypervisor reports about the instance right now, empty if it is not defined. */
    Optional<InstanceInfo> info(String instanceId);

    /** All Stratus instances on this host (running or not); other domains are ignored. */
    List<InstanceInfo> list();

    /**
     * Registers a listener told the id of a Stratus instance whenever the hypervisor reports a
     * lifecycle change (started, stopped, crashed, defined, undefined, ...) or a guest reset (reboot), or after the
     * driver reconnected to the hypervisor (then once per known instance). The listener is called from one
     * event-loop thread and must return quickly (enqueue the id, do not call back into the driver
     * synchronously from it for long operations).
     */
    void onLifecycleEvent(Consumer<String> instanceIdChanged);
}
