package dev.stratus.contracts;

import java.time.Instant;

/**
 * A router, one of its interfaces or its gateway, or a floating IP behind it changed (or the router is gone): the
 * agents serving routers (their L3 role) read the L3 state from network-service again ({@link L3State}) and converge
 * the router's namespace and NAT rules. Version 1.
 */
public record RouterChanged(String eventId, int version, String routerId, String projectId, Instant changedAt)
        implements StratusEvent {
    public static final int VERSION = 1;
}
