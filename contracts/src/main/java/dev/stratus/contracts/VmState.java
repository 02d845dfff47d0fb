package dev.stratus.contracts;

/** The stable state of an instance, as observed on its host (Nova's vm_states). */
public enum VmState {
    BUILDING, ACTIVE, STOPPED, ERROR, DELETED;

    public boolean isFinal() {
        return this == DELETED;
    }
}
