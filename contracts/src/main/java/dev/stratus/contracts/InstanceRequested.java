package dev.stratus.contracts;

import java.time.Instant;
import java.util.List;

/** api-service asks for an instance to be placed and built. Version 1; {@code ports} and {@code identity} added
 * later, additively (absent from older producers, then null). */
public record InstanceRequested(String eventId, int version, String instanceId, String projectId, String name,
        FlavorSpec flavor, ImageRef image, Instant requestedAt, List<PortBinding> ports, GuestIdentity identity)
        implements StratusEvent {
    public static final int VERSION = 1;

    /** A request without a guest identity (as producers before it sent them). */
    public InstanceRequested(String eventId, int version, String instanceId, String projectId, String name,
            FlavorSpec flavor, ImageRef image, Instant requestedAt, List<PortBinding> ports) {
        this(eventId, version, instanceId, projectId, name, flavor, image, requestedAt, ports, null);
    }

    /** What the guest learns about itself, never null (older producers sent none). */
    public GuestIdentity identityOrLegacy() {
        return identity == null ? GuestIdentity.legacy(name) : identity;
    }

    /** A request without network ports (as version 1 producers sent them). */
    public InstanceRequested(String eventId, int version, String instanceId, String projectId, String name,
            FlavorSpec flavor, ImageRef image, Instant requestedAt) {
        this(eventId, version, instanceId, projectId, name, flavor, image, requestedAt, List.of());
    }
}
