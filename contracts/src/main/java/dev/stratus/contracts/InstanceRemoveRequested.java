package dev.stratus.contracts;

import java.time.Instant;

/** The scheduler forwards a delete to the host that holds the instance. Version 1. */
public record InstanceRemoveRequested(String eventId, int version, String instanceId, String host, Instant at) implements StratusEvent {
    public static final int VERSION = 1;
}
