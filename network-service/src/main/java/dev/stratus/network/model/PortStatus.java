package dev.stratus.network.model;

/** DOWN until an agent has plugged the port into its bridge, then ACTIVE (reported by the agent). */
public enum PortStatus {
    DOWN, ACTIVE, BUILD, ERROR
}
