package dev.stratus.network.model;

/** Status of a network. Only ACTIVE for now (no agent wiring yet); BUILD, DOWN and ERROR come with the agents. */
public enum NetworkStatus {
    ACTIVE
}
