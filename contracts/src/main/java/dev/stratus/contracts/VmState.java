package dev.stratus.contracts;

/**
 * The stable state of an instance, as observed on its host (Nova's vm_states): BUILDING until its domain first
 * runs, ACTIVE (runs), STOPPED (shut off), PAUSED (vCPUs stopped, memory kept), SUSPENDED (memory saved to the
 * host's disk), ERROR, DELETED (final). RESIZED (a resize awaits confirmation or revert) is api-service's own: agents
 * report ACTIVE or STOPPED, and api-service shows RESIZED while the old flavor is kept for a revert.
 */
public enum VmState {
    BUILDING, ACTIVE, STOPPED, PAUSED, SUSPENDED, RESIZED, ERROR, DELETED;

    public boolean isFinal() {
        return this == DELETED;
    }
}
