package dev.stratus.agent.driver;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The hypervisor contract of the compute agent: everything the agent asks of the hypervisor of its
 * host. Instances are addressed by their Stratus instance id (a UUID string); hypervisor-specific
 * ids and types never leave an implementation. Every operation is synchronous and idempotent where
 * stated, and every failure is a {@link DriverException}.
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

    /** Stops the instance (hard) and removes its definition. No error if it does not exist. */
    void destroy(String instanceId);

    /** Starts a defined, stopped instance. No-op if it already runs; error if it is not defined. */
    void powerOn(String instanceId);

    /**
     * Stops the instance and keeps its definition: asks the guest to shut down (ACPI) and forces it
     * off after the driver's grace period. No-op if it is not running; error if it is not defined.
     */
    void powerOff(String instanceId);

    /** Restarts a running instance's guest; starts it if it is stopped. Error if not defined. */
    void reboot(String instanceId);

    /** What the hypervisor reports about the instance right now, empty if it is not defined. */
    Optional<InstanceInfo> info(String instanceId);

    /** All Stratus instances on this host (running or not); other domains are ignored. */
    List<InstanceInfo> list();

    /**
     * Registers a listener told the id of a Stratus instance whenever the hypervisor reports a
     * lifecycle change (started, stopped, crashed, defined, undefined, ...) or after the driver
     * reconnected to the hypervisor (then once per known instance). The listener is called from one
     * event-loop thread and must return quickly (enqueue the id, do not call back into the driver
     * synchronously from it for long operations).
     */
    void onLifecycleEvent(Consumer<String> instanceIdChanged);
}
