package dev.stratus.contracts;

/** Kafka topic names and record headers shared by every service. All topics are keyed by instance id or host name. */
public final class Topics {
    /** api-service → scheduler: {@link InstanceRequested}, {@link InstanceDeleteRequested}, {@link InstanceResizeRequested}. Key: instance id. */
    public static final String INSTANCE_REQUESTS = "stratus.instance-requests";
    /** scheduler → agents and api-service: {@link InstancePlaced}, {@link InstancePlacementFailed}, {@link InstanceRemoveRequested},
     * {@link InstanceResizeClaimed}, {@link InstanceResizeRefused}. Key: instance id. */
    public static final String PLACEMENTS = "stratus.placements";
    /** agents → api-service and scheduler: {@link InstanceStatusChanged}, {@link InstanceTaskFinished}. Key: instance id. */
    public static final String INSTANCE_STATUS = "stratus.instance-status";
    /** api-service → agents: actions on a placed instance, {@link InstanceSnapshotRequested}, {@link InstancePowerRequested},
     * {@link InstanceRebuildRequested}, {@link InstanceResizeSettled}. Key: instance id. */
    public static final String INSTANCE_ACTIONS = "stratus.instance-actions";
    /** api-service → every service: decisions of an instance's life, {@link InstanceDeleted},
     * {@link InstanceResizeSettled}. Key: instance id. */
    public static final String INSTANCE_LIFECYCLE = "stratus.instance-lifecycle";
    /** agents → scheduler: {@link HostReport}. Key: host name. */
    public static final String HOST_REPORTS = "stratus.host-reports";

    /** network-service → agents: {@link SecurityGroupChanged}. Key: security group id. */
    public static final String SECURITY_GROUP_EVENTS = "stratus.security-group-events";

    /** network-service → agents (their L3 role): {@link RouterChanged}. Key: router id. */
    public static final String ROUTER_EVENTS = "stratus.router-events";

    /** api-service → every service: {@link TokensRevoked}. Key: user id. */
    public static final String IDENTITY_EVENTS = "stratus.identity-events";

    /** Header carrying the record's simple class name, e.g. {@code InstancePlaced}. */
    public static final String TYPE_HEADER = "stratus-type";

    private Topics() {
    }
}
