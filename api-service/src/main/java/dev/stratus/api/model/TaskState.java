package dev.stratus.api.model;

/** The operation in flight on an instance (Nova's task_states); null when none. */
public enum TaskState {
    SCHEDULING, SPAWNING, POWERING_OFF, POWERING_ON, REBOOTING, REBOOTING_HARD, PAUSING, UNPAUSING, SUSPENDING,
    RESUMING, IMAGE_SNAPSHOT, RESIZE_PREP, RESIZING, RESIZE_REVERTING, REBUILDING, DELETING;

    public String apiName() {
        return name().toLowerCase();
    }

    /**
     * Whether the task ends with an event of its own (the host's {@code InstanceTaskFinished}, the scheduler's
     * {@code InstanceResizeRefused}) rather than with a status showing the state it leads to.
     */
    public boolean endsWithItsOwnReport() {
        return this == IMAGE_SNAPSHOT || this == RESIZE_PREP || this == RESIZING || this == RESIZE_REVERTING
                || this == REBUILDING;
    }
}
