package dev.stratus.contracts;

import java.time.Instant;
import java.util.List;

/** The scheduler claimed resources on {@code host}; that host's agent builds the instance. Version 1; {@code ports} and
 * {@code identity} added later, additively (absent from older producers, then null). */
public record InstancePlaced(String eventId, int version, String instanceId, String projectId, String name,
        String host, String agentUrl, FlavorSpec flavor, ImageRef image, Instant placedAt, List<PortBinding> ports,
        GuestIdentity identity) implements StratusEvent {
    public static final int VERSION = 1;

    /** A placement without a guest identity (as producers before it sent them). */
    public InstancePlaced(String eventId, int version, String instanceId, String projectId, String name,
            String host, String agentUrl, FlavorSpec flavor, ImageRef image, Instant placedAt, List<PortBinding> ports) {
        this(eventId, version, instanceId, projectId, name, host, agentUrl, flavor, image, placedAt, ports, null);
    }

    /** What the guest learns about itself, never null (older producers sent none). */
    public GuestIdentity identityOrLegacy() {
        return identity == null ? GuestIdentity.legacy(name) : identity;
    }

    /** A placement without network ports (as version 1 producers sent them). */
    public InstancePlaced(String eventId, int version, String instanceId, String projectId, String name,
            String host, String agentUrl, FlavorSpec flavor, ImageRef image, Instant placedAt) {
        this(eventId, version, instanceId, projectId, name, host, agentUrl, flavor, image, placedAt, List.of());
    }

    /**
     * This placement with another flavor and image (a resize, a rebuild) and everything else kept: its ports and its
     * guest identity stay the instance's.
     */
    public InstancePlaced withFlavorAndImage(FlavorSpec newFlavor, ImageRef newImage) {
        return new InstancePlaced(eventId, version, instanceId, projectId, name, host, agentUrl, newFlavor, newImage,
                placedAt, ports, identity);
    }

    /** This placement with {@code newIdentity} (for a placement an older producer sent without one). */
    public InstancePlaced withIdentity(GuestIdentity newIdentity) {
        return new InstancePlaced(eventId, version, instanceId, projectId, name, host, agentUrl, flavor, image,
                placedAt, ports, newIdentity);
    }

    /** The ports to plug, never null (older producers sent none). */
    public List<PortBinding> portsOrEmpty() {
        return ports == null ? List.of() : ports;
    }
}
