package dev.stratus.agent.reconcile;

/** What the control plane wants of an instance on this host. {@link #DELETED} is final. */
public enum DesiredState {
    RUNNING, STOPPED, DELETED
}
