package dev.stratus.contracts;

/**
 * Every record Stratus services send each other over Kafka: a closed set, so the codec's registry is derived from
 * it (a new event cannot be forgotten there) and a consumer can tell an event it does not know from one it ignores.
 * Each carries its id and its version; changes are additive.
 */
public sealed interface StratusEvent
        permits HostReport, InstanceDeleteRequested, InstanceDeleted, InstancePlaced, InstancePlacementFailed,
                InstancePowerRequested, InstanceRebuildRequested, InstanceRemoveRequested, InstanceRequested,
                InstanceResizeClaimed, InstanceResizeRefused, InstanceResizeRequested, InstanceResizeSettled,
                InstanceSnapshotRequested,
                InstanceStatusChanged, InstanceTaskFinished, RouterChanged, SecurityGroupChanged, TokensRevoked {
    /** Unique per event: consumers deduplicate by it where they must. */
    String eventId();

    /** The version of the record's shape. */
    int version();
}
