package dev.stratus.api.lifecycle;

/** What a user can ask of an existing instance. */
public enum InstanceAction {
    DELETE, CONSOLE, SNAPSHOT
}
