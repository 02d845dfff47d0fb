package dev.stratus.agent.driver;

/**
 * What the hypervisor reports about one instance.
 *
 * @param instanceId    the Stratus instance id
 * @param powerState    the hypervisor's power state of it
 * @param shutoffReason why it is shut off or crashed ({@link ShutoffReason#NONE} while it runs or is paused)
 * @param savedToDisk   whether a saved memory image exists (the instance is suspended; starting it restores it)
 * @param resets        how many times the driver saw the guest reset (a reboot inside the running domain) since the
 *                      driver connected; only its growth means something (a soft reboot happened)
 */
public record InstanceInfo(String instanceId, PowerState powerState, ShutoffReason shutoffReason,
        boolean savedToDisk, long resets) {

    /** An instance in {@code powerState} with no known shut-off reason, no saved memory and no resets. */
    public InstanceInfo(String instanceId, PowerState powerState) {
        this(instanceId, powerState, powerState == PowerState.SHUTOFF ? ShutoffReason.OTHER : ShutoffReason.NONE,
                false, 0);
    }
}
