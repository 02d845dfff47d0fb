package dev.stratus.contracts;

import java.time.Instant;

/**
 * api-service: the instance is finally gone (its host removed it, or it never reached one). Published once, on
 * {@link Topics#INSTANCE_LIFECYCLE}, for the services that hold something of it. Version 1.
 *
 * @param host the host it was on, or null if it never reached one
 */
public record InstanceDeleted(String eventId, int version, String instanceId, String projectId, String host,
        Instant deletedAt) implements StratusEvent {
    public static final int VERSION = 1;
}
