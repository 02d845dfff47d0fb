package dev.stratus.scheduler.events;

import dev.stratus.contracts.InstanceDeleteRequested;
import dev.stratus.contracts.InstancePlaced;
import dev.stratus.contracts.InstancePlacementFailed;
import dev.stratus.contracts.InstanceRemoveRequested;
import dev.stratus.contracts.InstanceResizeClaimed;
import dev.stratus.contracts.InstanceResizeRefused;
import dev.stratus.contracts.InstanceResizeRequested;
import dev.stratus.contracts.InstanceRequested;
import dev.stratus.contracts.Topics;
import dev.stratus.platform.events.EventPublisher;
import dev.stratus.scheduler.model.Allocation;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Publishes the scheduler's decisions to {@link Topics#PLACEMENTS}, keyed by instance id, and waits for the
 * broker's acknowledgement. Event ids are stable across re-deliveries: a placement carries the id stored with its
 * allocation, a failure or a removal an id derived from the request it answers, so consumers can dedupe by id.
 */
@ApplicationScoped
public class PlacementPublisher {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private EventPublisher publisher;

    @PostConstruct
    void open() {
        publisher = new EventPublisher(bootstrapServers, "scheduler-placements");
    }

    @PreDestroy
    void close() {
        publisher.close();
    }

    /**
     * The placement of {@code request} on the allocation's host, carrying the request's ports and guest identity
     * (also when it is published again for a redelivered request: it is always built from the request).
     */
    public InstancePlaced placed(InstanceRequested request, Allocation allocation, String agentUrl) {
        InstancePlaced event = new InstancePlaced(allocation.placementEventId, InstancePlaced.VERSION,
                request.instanceId(), request.projectId(), request.name(), allocation.host, agentUrl,
                request.flavor(), request.image(), allocation.createdAt,
                request.ports() == null ? java.util.List.of() : request.ports(), request.identity());
        publisher.publish(Topics.PLACEMENTS, request.instanceId(), event);
        return event;
    }

    public InstancePlacementFailed failed(InstanceRequested request, String reason) {
        InstancePlacementFailed event = new InstancePlacementFailed(
                derivedId("placement-failed", request.eventId(), request.instanceId()),
                InstancePlacementFailed.VERSION, request.instanceId(), reason, Instant.now());
        publisher.publish(Topics.PLACEMENTS, request.instanceId(), event);
        return event;
    }

    public InstanceRemoveRequested remove(InstanceDeleteRequested request, Allocation allocation) {
        InstanceRemoveRequested event = new InstanceRemoveRequested(
                derivedId("remove", request.eventId(), request.instanceId()), InstanceRemoveRequested.VERSION,
                request.instanceId(), allocation.host, Instant.now());
        publisher.publish(Topics.PLACEMENTS, request.instanceId(), event);
        return event;
    }

    public InstanceResizeClaimed resizeClaimed(InstanceResizeRequested request, Allocation allocation) {
        InstanceResizeClaimed event = new InstanceResizeClaimed(
                derivedId("resize-claimed", request.reference(), request.instanceId()), InstanceResizeClaimed.VERSION,
                request.instanceId(), request.projectId(), allocation.host, request.from(), request.to(),
                request.reference(), Instant.now());
        publisher.publish(Topics.PLACEMENTS, request.instanceId(), event);
        return event;
    }

    public InstanceResizeRefused resizeRefused(InstanceResizeRequested request, String reason) {
        InstanceResizeRefused event = new InstanceResizeRefused(
                derivedId("resize-refused", request.reference(), request.instanceId()), InstanceResizeRefused.VERSION,
                request.instanceId(), request.projectId(), request.host(), request.reference(), reason,
                Instant.now());
        publisher.publish(Topics.PLACEMENTS, request.instanceId(), event);
        return event;
    }

    private static String derivedId(String kind, String requestEventId, String instanceId) {
        String seed = kind + ":" + (requestEventId != null ? requestEventId : instanceId);
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
