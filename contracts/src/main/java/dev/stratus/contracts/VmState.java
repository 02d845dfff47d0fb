package dev.stratus.contracts;

/**
 * The stable state of an instance, as observed on its host (Nova's vm_states): BUILDING until its domain first
 * runs, ACTIVE (runs), STOPPED (shut off), PAUSED (vCPUs stopped, memory kept), SUSPENDED (memory saved to the
 * host's disk), ERROR, DELETED (final).
 */
public enum VmState {
    BUILDING, ACTIVE, STOPPED, PAUSED, SUSPENDED, ERROR, DELETED;

    public boolean isFinal() {
        return this == DELETED;
    }
}
