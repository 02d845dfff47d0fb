package dev.stratus.contracts;

/**
 * A user's power action on a placed instance, as api-service sends it to the instance's host in
 * {@link InstancePowerRequested}. What the host converges to after each:
 * <ul>
 * <li>{@code START}, {@code UNPAUSE}, {@code RESUME}, {@code SOFT_REBOOT}, {@code HARD_REBOOT}: running;</li>
 * <li>{@code STOP} (ACPI shutdown, forced off after the host's grace period), {@code FORCE_STOP} (forced off at
 * once): shut off;</li>
 * <li>{@code PAUSE}: paused (vCPUs stopped, memory kept);</li>
 * <li>{@code SUSPEND}: saved to the host's disk (libvirt managed save), memory restored by {@code RESUME}.</li>
 * </ul>
 * The reboots are one-off: done once for their generation ({@code SOFT_REBOOT} by ACPI, hard after the grace
 * period; {@code HARD_REBOOT} a reset).
 */
public enum PowerOperation {
    START, STOP, FORCE_STOP, SOFT_REBOOT, HARD_REBOOT, PAUSE, UNPAUSE, SUSPEND, RESUME
}
