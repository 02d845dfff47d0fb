package dev.stratus.api.model;

/** What the user asked an instance to be. */
public enum DesiredState {
    RUNNING, STOPPED, PAUSED, SUSPENDED, DELETED
}
