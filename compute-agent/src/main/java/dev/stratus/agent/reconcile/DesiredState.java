package dev.stratus.agent.reconcile;

import dev.stratus.contracts.PowerOperation;

/** What the control plane wants of an instance on this host. {@link #DELETED} is final. */
public enum DesiredState {
    RUNNING, STOPPED, PAUSED, SUSPENDED, DELETED;

    /** The state a power operation leads to (the reboots: running). */
    public static DesiredState after(PowerOperation operation) {
        return switch (operation) {
            case START, UNPAUSE, RESUME, SOFT_REBOOT, HARD_REBOOT -> RUNNING;
            case STOP, FORCE_STOP -> STOPPED;
            case PAUSE -> PAUSED;
            case SUSPEND -> SUSPENDED;
        };
    }
}
