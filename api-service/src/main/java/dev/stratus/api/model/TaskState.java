package dev.stratus.api.model;

/** The operation in flight on an instance (Nova's task_states); null when none. */
public enum TaskState {
    SCHEDULING, SPAWNING, POWERING_OFF, POWERING_ON, REBOOTING, REBOOTING_HARD, PAUSING, UNPAUSING, SUSPENDING,
    RESUMING, IMAGE_SNAPSHOT, DELETING;

    public String apiName() {
        return name().toLowerCase();
    }
}
